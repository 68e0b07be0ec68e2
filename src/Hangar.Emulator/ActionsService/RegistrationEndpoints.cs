using System.Text.Json;
using System.Text.Json.Nodes;
using Hangar.Emulator.Rest;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Emulator.ActionsService;

/// <summary>
/// The auth chain of reference section 6.1: a registration token from the REST API, traded at
/// <c>POST /actions/runner-registration</c> (<c>Authorization: RemoteAuth</c>) for the Actions service's URL and an admin JWT.
/// </summary>
internal static class RegistrationEndpoints
{
    /// <summary><c>POST {scope}/actions/runners/registration-token</c> → 201 <c>{token, expires_at}</c>.</summary>
    public static void MapRegistrationToken(this RouteGroupBuilder runners, EmulatorState state, Func<HttpContext, RunnerScope> scopeOf) =>
        runners.MapPost("/registration-token", (HttpContext context) =>
        {
            var (token, expiresAt) = state.MintRegistrationToken(scopeOf(context));
            return GitHubResults.Json(new JsonObject { ["token"] = token, ["expires_at"] = GitHubJson.Timestamp(expiresAt) }, StatusCodes.Status201Created);
        });

    public static void MapRunnerRegistration(this IEndpointRouteBuilder rest, EmulatorState state) =>
        rest.MapPost("/actions/runner-registration", (Delegate)(async (HttpContext context) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("RemoteAuth ", StringComparison.Ordinal))
            {
                return GitHubResults.Error(StatusCodes.Status401Unauthorized, "Requires authentication");
            }

            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return GitHubResults.Error(StatusCodes.Status400BadRequest, "Problems parsing JSON");
            }

            var url = body?["url"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            if (url is null || ScopeOfConfigUrl(url) is not { } scope)
            {
                return GitHubResults.Error(StatusCodes.Status422UnprocessableEntity, "url must name an organization, a repository or an enterprise");
            }

            if (state.ExchangeRegistrationToken(header["RemoteAuth ".Length..].Trim(), scope) is not { } admin)
            {
                return GitHubResults.Error(StatusCodes.Status401Unauthorized, "Bad registration token");
            }

            return GitHubResults.Json(new JsonObject
            {
                ["url"] = new Uri(state.BaseUrl, "_actions/").ToString(),
                ["token"] = admin.Token,
                ["token_schema"] = "OAuthAccessToken",
            });
        }));

    /// <summary><c>https://HOST/ORG</c>, <c>https://HOST/ORG/REPO</c> or <c>https://HOST/enterprises/ENT</c> (reference section 1).</summary>
    public static RunnerScope? ScopeOfConfigUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var parts = uri.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["enterprises", var slug] => RunnerScope.Enterprise(slug),
            [var org] => RunnerScope.Organization(org),
            [var owner, var repo] => RunnerScope.Repository($"{owner}/{repo}"),
            _ => null,
        };
    }
}
