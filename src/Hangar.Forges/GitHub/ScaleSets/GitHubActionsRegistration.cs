using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub.Budget;

namespace Hangar.Forges.GitHub.ScaleSets;

/// <summary>Steps 2–4 of reference section 6.1: a registration token from REST, traded at
/// <c>/actions/runner-registration</c> for the Actions service's URL and an admin JWT, whose <c>exp</c> is read unverified.</summary>
internal static class GitHubActionsRegistration
{
    /// <summary>A fresh registration token may not be accepted at once: only this call retries 401/403.</summary>
    private const int ExchangeAttempts = 3;

    public static async Task<ActionsConnection> ExchangeAsync(GitHubRestClient rest, HttpClient http, Uri webBase, ForgeTarget target, TimeProvider time, CancellationToken cancellationToken)
    {
        var registrationToken = await RegistrationTokenAsync(rest, target, cancellationToken).ConfigureAwait(false);
        var configUrl = new Uri(webBase, ConfigPath(target)).ToString();
        var uri = rest.Resolve("/actions/runner-registration");
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("RemoteAuth", registrationToken);
            request.Headers.UserAgent.ParseAdd("Hangar");
            request.Content = new StringContent(new JsonObject { ["url"] = configUrl, ["runner_event"] = "register" }.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && attempt < ExchangeAttempts)
            {
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await GitHubRestClient.ErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }

            var body = JsonNode.Parse((await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).TrimStart('\uFEFF'));
            var url = body?["url"] is JsonValue u && u.TryGetValue<string>(out var s) ? s : null;
            var token = body?["token"] is JsonValue t && t.TryGetValue<string>(out var tt) ? tt : null;
            if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(token) || !Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var serviceUrl))
            {
                throw new ForgeException("GitHub runner-registration returned no Actions service URL or token", (int)response.StatusCode);
            }

            return new ActionsConnection(serviceUrl, token, ExpiryOf(token, time.GetUtcNow()));
        }
    }

    private static async Task<string> RegistrationTokenAsync(GitHubRestClient rest, ForgeTarget target, CancellationToken cancellationToken)
    {
        var uri = rest.Resolve($"{GitHubPaths.Scope(target)}/actions/runners/registration-token");
        using var response = await rest.SendAsync(HttpMethod.Post, uri, null, target, GitHubCall.Of(GitHubCallKind.RegistrationToken), cancellationToken).ConfigureAwait(false);
        await rest.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body?["token"] is JsonValue v && v.TryGetValue<string>(out var token) && token.Length > 0
            ? token
            : throw new ForgeException($"GitHub POST {uri.AbsolutePath} returned no token", (int)response.StatusCode);
    }

    private static string ConfigPath(ForgeTarget target) => target.Scope switch
    {
        TargetScope.Enterprise => $"enterprises/{Uri.EscapeDataString(target.Name)}",
        TargetScope.Organization => Uri.EscapeDataString(target.Name),
        _ => string.Join('/', target.Name.Split('/').Select(Uri.EscapeDataString)),
    };

    /// <summary>The JWT's <c>exp</c>, read without verifying (the token is only ever sent back to its issuer). A token
    /// that is not a JWT is treated as valid for ten minutes.</summary>
    internal static DateTimeOffset ExpiryOf(string jwt, DateTimeOffset now)
    {
        var parts = jwt.Split('.');
        if (parts.Length == 3)
        {
            try
            {
                var payload = parts[1].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
                if (JsonNode.Parse(Convert.FromBase64String(payload)) is JsonObject claims && claims["exp"] is JsonValue exp && exp.TryGetValue<long>(out var seconds))
                {
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
                }
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                // Fall through: unreadable claims.
            }
        }

        return now.AddMinutes(10);
    }
}
