using Hangar.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Instances;

/// <summary>
/// Admits a call to <c>/api/v1/instances/{name}/...</c> only with the instance token of <c>{name}</c>: no token, or one
/// that is unknown, replaced, expired or revoked (the instance is being deleted or is gone) is 401; a valid token of
/// another instance is 403. The caller's identity is then in <see cref="Caller"/>.
/// </summary>
internal sealed class InstanceTokenFilter(InstanceTokens tokens, ILogger<InstanceTokenFilter> logger) : IEndpointFilter
{
    private const string CallerKey = "hangar.instance";

    public static InstanceIdentity Caller(HttpContext context) => (InstanceIdentity)context.Items[CallerKey]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var identity = await tokens.ValidateAsync(token, http.RequestAborted).ConfigureAwait(false);
        if (identity is null)
        {
            var reason = token is null ? "no instance token" : "the instance token is not valid (unknown, expired, or its instance is being deleted)";
            InstanceLog.TokenRefused(logger, http.Request.Path, reason);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: reason);
        }

        var target = http.GetRouteValue("name") as string;
        if (!string.Equals(target, identity.Name, StringComparison.Ordinal))
        {
            InstanceLog.OtherInstance(logger, identity.Name, target ?? "", http.Request.Path);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "an instance token gives access to its own instance only");
        }

        http.Items[CallerKey] = identity;
        return await next(context).ConfigureAwait(false);
    }
}
