using System.Text.Json;

namespace Hangar.Emulator.Runner;

/// <summary>What the JIT config says: who the runner is, where its server is, and its secret.</summary>
internal sealed record RunnerSettings(long AgentId, string AgentName, Uri ServerUrl, string WorkFolder, string Token)
{
    public override string ToString() => $"RunnerSettings {{ AgentId = {AgentId}, AgentName = {AgentName}, ServerUrl = {ServerUrl} }}";

    /// <summary>Decodes the real JIT config shape: base64 of a JSON map of base64-encoded <c>.runner</c> and <c>.credentials</c> files.</summary>
    public static RunnerSettings Decode(string encoded)
    {
        try
        {
            using var files = JsonDocument.Parse(FromBase64(encoded));
            using var runner = JsonDocument.Parse(FromBase64(files.RootElement.GetProperty(".runner").GetString()!));
            using var credentials = JsonDocument.Parse(FromBase64(files.RootElement.GetProperty(".credentials").GetString()!));
            var settings = runner.RootElement;
            var agentId = settings.GetProperty("agentId") is { ValueKind: JsonValueKind.String } id ? long.Parse(id.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : settings.GetProperty("agentId").GetInt64();
            var serverUrl = settings.GetProperty("serverUrl").GetString()!;
            var token = credentials.RootElement.GetProperty("data").GetProperty("token").GetString()!;
            var workFolder = settings.TryGetProperty("workFolder", out var folder) ? folder.GetString() ?? "_work" : "_work";
            return new RunnerSettings(
                agentId,
                settings.GetProperty("agentName").GetString()!,
                new Uri(serverUrl.EndsWith('/') ? serverUrl : serverUrl + "/", UriKind.Absolute),
                workFolder,
                token);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or UriFormatException or ArgumentException)
        {
            // The message names the failing part only: the config is a secret.
            var reason = ex switch
            {
                FormatException => "it is not base64",
                JsonException => "it is not the expected JSON",
                KeyNotFoundException => "a field is missing",
                _ => "it is malformed",
            };
            throw new RunnerException($"the JIT config cannot be read: {reason}", RunnerExitCodes.Usage);
        }
    }

    private static byte[] FromBase64(string text) => Convert.FromBase64String(text.Trim());
}
