using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Rest;

/// <summary>
/// The headers GitHub puts on every REST answer. The rate limit never runs out here; the headers are present so a
/// client's header parsing runs as it would against GitHub.
/// </summary>
internal sealed class GitHubHeadersFilter(TimeProvider time) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        var reset = time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
        headers["X-GitHub-Request-Id"] = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        headers["X-RateLimit-Limit"] = "5000";
        headers["X-RateLimit-Remaining"] = "4999";
        headers["X-RateLimit-Used"] = "1";
        headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = "core";
        return next(context);
    }
}
