using System.Globalization;
using System.Text.Json.Nodes;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Emulator.Rest;

/// <summary>The GitHub App endpoints Hangar uses, authenticated with an App JWT: mint an installation token, and find
/// the installation of a repository or organization. Without a configured App they answer as GitHub does to a stranger.</summary>
internal static class AppEndpoints
{
    public static void MapAppApi(this RouteGroupBuilder api, EmulatorState state)
    {
        api.MapPost("/app/installations/{installationId:long}/access_tokens", (HttpContext c, long installationId) =>
            Authenticate(c, state) is { } error ? error
            : installationId != state.App!.InstallationId ? GitHubResults.NotFound()
            : Minted(state));
        api.MapGet("/repos/{owner}/{repo}/installation", (HttpContext c, string owner, string repo) =>
            Authenticate(c, state) ?? GitHubResults.Json(Installation(state, owner, "Organization")));
        api.MapGet("/orgs/{org}/installation", (HttpContext c, string org) =>
            Authenticate(c, state) ?? GitHubResults.Json(Installation(state, org, "Organization")));
    }

    private static IResult? Authenticate(HttpContext context, EmulatorState state)
    {
        if (state.App is not { } app)
        {
            return GitHubResults.Error(StatusCodes.Status401Unauthorized, "A JSON web token could not be decoded");
        }

        var header = context.Request.Headers.Authorization.ToString();
        var jwt = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        return AppJwtVerifier.Verify(jwt, app, state.Time.GetUtcNow()) is { } reason
            ? GitHubResults.Error(StatusCodes.Status401Unauthorized, reason)
            : null;
    }

    private static IResult Minted(EmulatorState state)
    {
        var (token, expiresAt) = state.MintInstallationToken();
        return GitHubResults.Json(new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["administration"] = "write", ["organization_self_hosted_runners"] = "write", ["actions"] = "read", ["metadata"] = "read" },
            ["repository_selection"] = "all",
        }, StatusCodes.Status201Created);
    }

    private static JsonObject Installation(EmulatorState state, string account, string type) => new()
    {
        ["id"] = state.App!.InstallationId,
        ["app_id"] = state.App.AppId,
        ["client_id"] = state.App.ClientId,
        ["target_type"] = type,
        ["account"] = new JsonObject { ["login"] = account, ["type"] = type },
        ["repository_selection"] = "all",
        ["permissions"] = new JsonObject { ["administration"] = "write", ["organization_self_hosted_runners"] = "write" },
        ["events"] = new JsonArray("workflow_job"),
    };
}
