using System.Text;
using System.Text.Json.Nodes;
using Hangar.Emulator.State;

namespace Hangar.Emulator.RunnerProtocol;

/// <summary>
/// Builds <c>encoded_jit_config</c> in the real shape: base64 of a JSON map of the runner's three settings files,
/// each file's content base64-encoded. Only <c>serverUrl</c> differs: it points at this emulator.
/// </summary>
internal static class JitConfig
{
    public static string Encode(EmulatedRunner runner, string secret, Uri baseUrl)
    {
        var settings = new JsonObject
        {
            ["agentId"] = runner.Id,
            ["agentName"] = runner.Name,
            ["poolId"] = 1,
            ["poolName"] = runner.Group.Name,
            ["serverUrl"] = baseUrl.ToString(),
            ["gitHubUrl"] = new Uri(baseUrl, runner.Scope.WebPath).ToString(),
            ["workFolder"] = runner.WorkFolder,
            ["ephemeral"] = true,
            ["disableUpdate"] = true,
        };
        var credentials = new JsonObject
        {
            ["scheme"] = "OAuth",
            ["data"] = new JsonObject { ["token"] = secret },
        };
        var files = new JsonObject
        {
            [".runner"] = Base64(settings.ToJsonString()),
            [".credentials"] = Base64(credentials.ToJsonString()),
            [".credentials_rsaparams"] = Base64("{}"),
        };
        return Base64(files.ToJsonString());
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
