using System.Globalization;

namespace Hangar.Forges.GitHub.Budget;

/// <summary>The primary (<c>core</c>) rate limit as GitHub last reported it for one credential (reference section 4).</summary>
internal sealed record GitHubQuota(long Limit, long Remaining, DateTimeOffset Reset)
{
    /// <summary>The core quota from a response's <c>x-ratelimit-*</c> headers; null when they are absent (GHES with
    /// rate limiting off) or describe another resource (search, graphql).</summary>
    public static GitHubQuota? From(HttpResponseMessage response)
    {
        if (Header(response, "x-ratelimit-resource") is { } resource && !resource.Equals("core", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Number(response, "x-ratelimit-limit") is { } limit and > 0
            && Number(response, "x-ratelimit-remaining") is { } remaining
            && Number(response, "x-ratelimit-reset") is { } reset && reset <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? new GitHubQuota(limit, Math.Min(remaining, limit), DateTimeOffset.FromUnixTimeSeconds(reset))
            : null;
    }

    private static long? Number(HttpResponseMessage response, string name) =>
        long.TryParse(Header(response, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
