using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Rest;

/// <summary>The headers GitHub puts on every REST answer (the rate-limit ones come from <see cref="RateLimitFilter"/>).</summary>
internal sealed class GitHubHeadersFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
        headers["X-GitHub-Request-Id"] = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        return next(context);
    }
}
