using System.Text.Json;
using Hangar.Core.Forges;

namespace Hangar.Forges.Gitea;

/// <summary>
/// What a Gitea or Forgejo runner machine is handed, as its secret environment. Every credential carries the forge's
/// URL, the runner's name and labels; a registration Hangar made carries the runner's own login (uuid, token and the
/// ready <c>.runner</c> file); a shared-token pool carries the scope's registration token instead.
/// </summary>
internal static class RunnerLogins
{
    public const string ForgeUrl = "HANGAR_FORGE_URL";
    public const string RunnerName = "HANGAR_RUNNER_NAME";
    public const string RunnerLabels = "HANGAR_RUNNER_LABELS";
    public const string RunnerUuid = "HANGAR_RUNNER_UUID";
    public const string RunnerToken = "HANGAR_RUNNER_TOKEN";
    public const string RunnerFile = "HANGAR_RUNNER_FILE";
    public const string RegistrationToken = "HANGAR_REGISTRATION_TOKEN";

    private const string Warning = "Written by Hangar for one ephemeral runner; do not share.";

    /// <summary>A runner registered by Hangar: its own login, useless for registering another runner.</summary>
    internal static RunnerCredential Registered(Uri baseUrl, RunnerRequest request, long id, string uuid, string token, bool ephemeral)
    {
        var file = new RunnerFileDto(Warning, id, uuid, request.Name, token, baseUrl.ToString().TrimEnd('/'), request.Labels, ephemeral);
        var env = Common(baseUrl, request);
        env[RunnerUuid] = uuid;
        env[RunnerToken] = token;
        env[RunnerFile] = JsonSerializer.Serialize(file, GiteaJsonContext.Default.RunnerFileDto);
        return new RunnerCredential(id, env);
    }

    /// <summary>A pool that opted in to the scope's shared registration token: the machine registers itself.</summary>
    internal static RunnerCredential SharedToken(Uri baseUrl, RunnerRequest request, string registrationToken)
    {
        var env = Common(baseUrl, request);
        env[RegistrationToken] = registrationToken;
        return new RunnerCredential(null, env);
    }

    private static Dictionary<string, string> Common(Uri baseUrl, RunnerRequest request) => new(StringComparer.Ordinal)
    {
        [ForgeUrl] = baseUrl.ToString().TrimEnd('/'),
        [RunnerName] = request.Name,
        [RunnerLabels] = string.Join(',', request.Labels),
    };
}
