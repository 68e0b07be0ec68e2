using System.Text;
using System.Text.Json;

namespace Hangar.Server.Instances;

/// <summary>
/// The runner files inside a GitHub JIT config (<c>encoded_jit_config</c>: base64 of a JSON object whose values are the
/// base64 contents of <c>.runner</c>, <c>.credentials</c> and <c>.credentials_rsaparams</c>), served one by one as GARM's
/// <c>credentials/runner</c>, <c>credentials/credentials</c> and <c>credentials/credentials_rsaparams</c>.
/// </summary>
internal static class JitConfigFiles
{
    /// <summary>The file's text, or null when the config is not of that shape or has no such file.</summary>
    public static string? Read(string encodedJitConfig, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(encodedJitConfig));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("." + file, out var value)
                && value.ValueKind == JsonValueKind.String
                ? Encoding.UTF8.GetString(Convert.FromBase64String(value.GetString()!))
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
