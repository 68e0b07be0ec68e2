using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hangar.Emulator.Runner.Protocol;

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
            var files = Read(encoded, RunnerJsonContext.Default.JitConfigFiles);
            var runner = Read(files.Runner, RunnerJsonContext.Default.RunnerFile);
            var credentials = Read(files.Credentials, RunnerJsonContext.Default.CredentialsFile);
            var serverUrl = runner.ServerUrl.EndsWith('/') ? runner.ServerUrl : runner.ServerUrl + "/";
            return new RunnerSettings(runner.AgentId, runner.AgentName, new Uri(serverUrl, UriKind.Absolute), runner.WorkFolder ?? "_work", credentials.Data.Token);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or UriFormatException)
        {
            // The message names the failing part only: the config is a secret, and a parser's message may quote it.
            var reason = ex switch
            {
                FormatException => "it is not base64",
                JsonException => "it is not the expected JSON (a field is missing or has the wrong type)",
                _ => "its server URL is malformed",
            };
            throw new RunnerException($"the JIT config cannot be read: {reason}", RunnerExitCodes.Usage);
        }
    }

    private static T Read<T>(string base64, JsonTypeInfo<T> type) where T : class =>
        JsonSerializer.Deserialize(Convert.FromBase64String(base64.Trim()), type) ?? throw new JsonException($"{typeof(T).Name} is null");
}
