using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Api;

internal sealed class BearerTokenFilter(ApiTokens tokens, ILogger<BearerTokenFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (!tokens.Accepts(token))
        {
            var reason = tokens.IsEmpty ? "the API has no tokens configured (server.api_tokens)" : "a valid bearer token is required";
            ApiLog.Unauthorized(logger, context.HttpContext.Request.Path, reason);
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: reason);
        }

        return await next(context).ConfigureAwait(false);
    }
}
