using System.Text.Json;
using Hangar.Core.Forges;

namespace Hangar.Forges.Gitea;

/// <summary>
/// Registers a runner on Hangar's side through the runner protocol (<c>runner.v1.RunnerService/Register</c>, Connect's
/// JSON form) with the scope's registration token, so the reusable token never reaches a machine: the machine gets the
/// new runner's own uuid and token. Gitea honours <c>ephemeral</c> since 1.24; Forgejo ignores it through 14, where the
/// runner's <c>one-job</c> mode does the work.
/// </summary>
internal static class RunnerServiceRegistration
{
    public const string Path = "api/actions/runner.v1.RunnerService/Register";

    public static async Task<ConnectRunnerDto> RegisterAsync(GiteaApiClient client, RunnerRequest request, string registrationToken, bool ephemeral, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ConnectRegisterRequest(request.Name, registrationToken, "hangar", request.Labels, ephemeral),
            GiteaJsonContext.Default.ConnectRegisterRequest);
        var uri = new Uri(client.BaseUrl, Path);
        using var response = await client.SendAsync(HttpMethod.Post, uri, body, "register_runner", ForgePriority.Provision, ct, authenticated: false).ConfigureAwait(false);
        await client.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        var registered = await client.ReadAsync(response, GiteaJsonContext.Default.ConnectRegisterResponse, ct).ConfigureAwait(false);
        return registered?.Runner is { Uuid.Length: > 0, Token.Length: > 0 } runner
            ? runner
            : throw new ForgeException($"{client.Type} POST /{Path} returned no runner uuid or token", (int)response.StatusCode);
    }
}
