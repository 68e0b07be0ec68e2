using Hangar.Core.Forges;

namespace Hangar.Forges.Gitea;

/// <summary>
/// A one-job credential from the scope's registration token (Gitea; Forgejo ≤ 14). The token is reusable and does not
/// expire, so by default Hangar registers the runner itself and hands the machine only the new runner's login; a pool
/// that opts in (<see cref="RunnerRequest.SharedRegistrationToken"/>) hands the token itself.
/// </summary>
internal static class RegistrationTokenRunners
{
    /// <param name="fetchToken">Reads the scope's registration token (Gitea: POST; Forgejo: GET).</param>
    /// <param name="ephemeral">Whether the forge's runner protocol honours <c>ephemeral</c> (Gitea 1.24+, Forgejo 15+).</param>
    public static async Task<RunnerCredential> MintAsync(GiteaApiClient client, RunnerRequest request, Func<CancellationToken, Task<string>> fetchToken, bool ephemeral, CancellationToken ct)
    {
        var token = await fetchToken(ct).ConfigureAwait(false);
        if (request.SharedRegistrationToken)
        {
            return RunnerLogins.SharedToken(client.BaseUrl, request, token);
        }

        var runner = await RunnerServiceRegistration.RegisterAsync(client, request, token, ephemeral, ct).ConfigureAwait(false);
        return RunnerLogins.Registered(client.BaseUrl, request, runner.Id, runner.Uuid!, runner.Token!, ephemeral);
    }

    /// <summary>The token out of a <c>RegistrationToken</c> answer; an empty one is the forge's error, not a token.</summary>
    public static async Task<string> ReadTokenAsync(GiteaApiClient client, HttpResponseMessage response, CancellationToken ct)
    {
        await client.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        var dto = await client.ReadAsync(response, GiteaJsonContext.Default.RegistrationTokenDto, ct).ConfigureAwait(false);
        return dto?.Token is { Length: > 0 } token
            ? token
            : throw new ForgeException($"{client.Type} {GiteaApiClient.Describe(response.RequestMessage!.Method, response.RequestMessage.RequestUri!)} returned no registration token", (int)response.StatusCode);
    }

    /// <summary>DELETE of a runner: true when removed, false when it was already gone (404).</summary>
    public static async Task<bool> RemoveAsync(GiteaApiClient client, Uri uri, CancellationToken ct)
    {
        using var response = await client.SendAsync(HttpMethod.Delete, uri, null, "remove_runner", ForgePriority.Provision, ct).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }

        await client.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        return true;
    }
}
