using System.Text.Json;

namespace Hangar.Emulator.Runner.GiteaFamily;

/// <summary>
/// What Hangar hands a Gitea or Forgejo runner (the names of <c>Hangar.Forges.Gitea.RunnerLogins</c>), from the
/// environment or, with file delivery, from <c>$HANGAR_CREDENTIALS_DIRECTORY</c>: the forge URL, name and labels, and
/// either the runner's own login (<c>.runner</c> file or uuid + token) or a shared registration token.
/// </summary>
internal sealed record GiteaRunnerLogin(Uri ForgeUrl, string Name, IReadOnlyList<string> Labels, string? Uuid, string? Token, string? RegistrationToken)
{
    public const string ForgeUrlVariable = "HANGAR_FORGE_URL";

    /// <summary>The login when Hangar gave one (a Gitea-family runner), else null (a GitHub JIT runner).</summary>
    public static GiteaRunnerLogin? Read(Func<string, string?> environment)
    {
        var directory = environment(RunnerArguments.CredentialsDirectoryVariable);
        string? Get(string name) => environment(name) ?? FromDirectory(directory, name);
        if (Get(ForgeUrlVariable) is not { Length: > 0 } url)
        {
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var forgeUrl))
        {
            throw new RunnerException($"{ForgeUrlVariable} '{url}' is not an absolute URL", RunnerExitCodes.Usage);
        }

        string? uuid = Get("HANGAR_RUNNER_UUID");
        string? token = Get("HANGAR_RUNNER_TOKEN");
        if (Get("HANGAR_RUNNER_FILE") is { Length: > 0 } file)
        {
            using var document = JsonDocument.Parse(file);
            uuid = document.RootElement.GetProperty("uuid").GetString();
            token = document.RootElement.GetProperty("token").GetString();
        }

        var registration = Get("HANGAR_REGISTRATION_TOKEN");
        if ((uuid is null || token is null) && registration is null)
        {
            throw new RunnerException("no runner login: set HANGAR_RUNNER_FILE, HANGAR_RUNNER_UUID and HANGAR_RUNNER_TOKEN, or HANGAR_REGISTRATION_TOKEN", RunnerExitCodes.Usage);
        }

        var labels = (Get("HANGAR_RUNNER_LABELS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new GiteaRunnerLogin(forgeUrl, Get("HANGAR_RUNNER_NAME") ?? "emulated-runner", labels, uuid, token, registration);
    }

    private static string? FromDirectory(string? directory, string name)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        var path = Path.Combine(directory, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public override string ToString() => $"GiteaRunnerLogin {{ ForgeUrl = {ForgeUrl}, Name = {Name} }}";
}
