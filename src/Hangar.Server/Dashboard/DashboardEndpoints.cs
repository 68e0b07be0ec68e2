using System.Text;
using Hangar.Core.Access;
using Hangar.Server.Api;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Dashboard;

/// <summary>
/// The dashboard: a page at <c>/</c> and its assets (embedded, open: they hold no data), a login route that exchanges
/// a token of at least <c>read</c> scope for an HttpOnly, SameSite=Strict session cookie scoped to <c>/dashboard</c>,
/// and the data routes (a snapshot and a Server-Sent Events stream) that take that cookie or a bearer token. A browser's
/// <c>EventSource</c> cannot send an <c>Authorization</c> header; the cookie is how it authenticates, and no other route
/// accepts it.
/// </summary>
internal static class DashboardEndpoints
{
    private const string AssetsReason = "dashboard page and assets: static files, no data";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext context) => Asset(context, "index.html")).AllowWithoutApiToken(AssetsReason).ExcludeFromDescription();
        routes.MapGet("/dashboard/assets/{file}", (HttpContext context, string file) => Asset(context, file)).AllowWithoutApiToken(AssetsReason).ExcludeFromDescription();
        routes.MapPost("/dashboard/session", LoginAsync)
            .AllowWithoutApiToken("dashboard login: checks the token it is given itself")
            .DisableAntiforgery()
            .WithSummary("Exchange an API token (read scope or more) for a dashboard session cookie");
        routes.MapDelete("/dashboard/session", Logout)
            .AllowWithoutApiToken("dashboard logout: forgets the caller's own session, nothing else")
            .WithSummary("Close the dashboard session");
        routes.MapGet("/dashboard/snapshot", SnapshotAsync).RequireScope(ApiScope.Read).AcceptDashboardSession()
            .WithSummary("What the dashboard shows, once");
        routes.MapGet("/dashboard/events", StreamAsync).RequireScope(ApiScope.Read).AcceptDashboardSession()
            .WithSummary("What the dashboard shows, as Server-Sent Events (one `snapshot` event per change)");
        return routes;
    }

    private static IResult Asset(HttpContext context, string file)
    {
        if (DashboardAssets.Find(file) is not { } asset)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"no dashboard asset '{file}'");
        }

        // Only Hangar's own files may run or load, the page cannot be framed (clickjacking), and no URL leaks elsewhere.
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LoginAsync(
        HttpContext context, LoginRequest? body, ApiTokenAuthenticator authenticator, DashboardSessions sessions, ILogger<DashboardSessions> logger)
    {
        var token = body?.Token?.Trim();
        var (caller, refusal) = await authenticator.AuthenticateAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (caller is null || !ApiScopes.Grants(caller.Scope, ApiScope.Read))
        {
            var reason = refusal ?? $"the dashboard needs a token of scope 'read' or 'admin'; this one has '{ApiScopes.Name(caller!.Scope)}'";
            DashboardLog.LoginRefused(logger, reason);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: reason);
        }

        var session = sessions.Open(token!);
        context.Response.Cookies.Append(DashboardSessions.CookieName, session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/dashboard",
            MaxAge = DashboardSessions.IdleLifetime,
        });
        DashboardLog.Login(logger, caller.TokenId, caller.Name);
        return TypedResults.NoContent();
    }

    private static NoContent Logout(HttpContext context, DashboardSessions sessions, ILogger<DashboardSessions> logger)
    {
        sessions.Close(context.Request.Cookies[DashboardSessions.CookieName]);
        context.Response.Cookies.Delete(DashboardSessions.CookieName, new CookieOptions { Path = "/dashboard" });
        DashboardLog.Logout(logger);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SnapshotAsync(DashboardFeed feed, CancellationToken ct)
    {
        var (_, json) = await feed.CurrentAsync(ct).ConfigureAwait(false);
        return Results.Text(json, "application/json", Encoding.UTF8);
    }

    private static async Task StreamAsync(HttpContext context, DashboardFeed feed, ILogger<DashboardFeed> logger)
    {
        var ct = context.RequestAborted;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        DashboardLog.StreamOpened(logger, context.Features.Get<ApiCaller>()?.TokenId ?? "");
        long events = 0;
        try
        {
            await response.StartAsync(ct).ConfigureAwait(false);
            await response.WriteAsync("retry: 2000\n\n", ct).ConfigureAwait(false);
            var (version, json) = await feed.CurrentAsync(ct).ConfigureAwait(false);
            while (true)
            {
                await response.WriteAsync($"event: snapshot\nid: {version}\ndata: {json}\n\n", ct).ConfigureAwait(false);
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
                events++;
                (version, json) = await feed.NextAsync(version, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The browser went away (or the server is stopping): nothing to answer.
        }
        finally
        {
            DashboardLog.StreamClosed(logger, events);
        }
    }
}
