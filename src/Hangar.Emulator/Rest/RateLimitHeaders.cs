using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Rest;

/// <summary>GitHub's primary rate-limit headers (reference section 4).</summary>
internal static class RateLimitHeaders
{
    public static void Write(HttpResponse response, int limit, int used, DateTimeOffset reset)
    {
        var headers = response.Headers;
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Used"] = used.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = "core";
    }
}
