using Hangar.Core.Access;
using Hangar.Server.Api.Access;
using Hangar.Server.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Api;

/// <summary>
/// Enforces each route's declared access (<see cref="RouteAccess"/>) before its handler runs: an open route passes, a
/// scoped one needs a bearer token whose scope grants the route's (401 without a valid token, 403 with too small a
/// scope), and a route that declares neither is refused (fail closed). Answers are ProblemDetails.
/// </summary>
internal sealed class ApiAccessMiddleware(
    RequestDelegate next, ApiTokenAuthenticator authenticator, DashboardSessions sessions, ILogger<ApiAccessMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<OpenRoute>() is not null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (endpoint.Metadata.GetMetadata<RequiredScope>() is not { } required)
        {
            ApiLog.RouteWithoutAccess(logger, endpoint.DisplayName ?? context.Request.Path.ToString());
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "this route declares no access rule and is refused").ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (presented is null && HttpMethods.IsGet(context.Request.Method) && endpoint.Metadata.GetMetadata<DashboardSessionRoute>() is not null)
        {
            presented = sessions.Token(context.Request.Cookies[DashboardSessions.CookieName]);
        }

        var (caller, refusal) = await authenticator.AuthenticateAsync(presented, context.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            ApiLog.Unauthorized(logger, context.Request.Path, refusal!);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", refusal!).ConfigureAwait(false);
            return;
        }

        if (!ApiScopes.Grants(caller.Scope, required.Scope))
        {
            var needed = ApiScopes.Name(required.Scope);
            ApiLog.Forbidden(logger, context.Request.Path, caller.TokenId, ApiScopes.Name(caller.Scope), needed);
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{needed}\"";
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                $"this route needs scope '{needed}'; the token has '{ApiScopes.Name(caller.Scope)}'").ConfigureAwait(false);
            return;
        }

        context.Features.Set(caller);
        await next(context).ConfigureAwait(false);
    }

    private static Task RefuseAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}
