using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Hangar.Forges.GitHub;

/// <summary>
/// The <c>Hangar.Forges.GitHub</c> meter: requests and errors by forge and status, retries, rate-limit waits, minted
/// installation tokens, and the last quota GitHub reported per forge and resource. One process-wide meter (every forge
/// is a tag), so an exporter that subscribes to <c>Hangar.*</c> sees every forge.
/// </summary>
internal static class GitHubMetrics
{
    public const string MeterName = "Hangar.Forges.GitHub";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<(string Forge, string Resource), Quota> Quotas = new();

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "hangar.github.requests", "{request}", "REST requests answered by GitHub, by forge and status code");

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "hangar.github.errors", "{error}", "REST attempts that failed: an error status, a timeout or a network error");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "hangar.github.retries", "{retry}", "REST attempts retried after a transient failure or a rate limit");

    private static readonly Counter<long> RateLimitedCount = Meter.CreateCounter<long>(
        "hangar.github.rate_limited", "{response}", "Responses that were a primary or secondary rate limit");

    private static readonly Counter<long> TokensMinted = Meter.CreateCounter<long>(
        "hangar.github.app.tokens_minted", "{token}", "GitHub App installation tokens minted");

    static GitHubMetrics()
    {
        Meter.CreateObservableGauge("hangar.github.rate_limit.remaining", () => Observe(q => q.Remaining),
            "{request}", "Requests left in the current rate-limit window, as last reported by GitHub");
        Meter.CreateObservableGauge("hangar.github.rate_limit.limit", () => Observe(q => q.Limit),
            "{request}", "Size of the rate-limit window, as last reported by GitHub");
        Meter.CreateObservableGauge("hangar.github.rate_limit.reset", () => Observe(q => q.Reset),
            "s", "When the rate-limit window resets, Unix seconds");
    }

    public static void Response(string forge, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var statusTag = status.ToString(CultureInfo.InvariantCulture);
        Requests.Add(1, new("forge", forge), new("status", statusTag));
        if (status >= 400)
        {
            Errors.Add(1, new("forge", forge), new("error", statusTag));
        }

        if (Header(response, "x-ratelimit-remaining") is { } remainingText
            && long.TryParse(remainingText, NumberStyles.None, CultureInfo.InvariantCulture, out var remaining))
        {
            var resource = Header(response, "x-ratelimit-resource") ?? "core";
            _ = long.TryParse(Header(response, "x-ratelimit-limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var limit);
            _ = long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset);
            Quotas[(forge, resource)] = new Quota(remaining, limit, reset);
        }
    }

    public static void Failure(string forge, string error) => Errors.Add(1, new("forge", forge), new("error", error));

    public static void Retry(string forge, string reason) => Retries.Add(1, new("forge", forge), new("reason", reason));

    public static void RateLimited(string forge, string kind) => RateLimitedCount.Add(1, new("forge", forge), new("kind", kind));

    public static void TokenMinted(string forge) => TokensMinted.Add(1, new KeyValuePair<string, object?>("forge", forge));

    /// <summary>The last quota seen for a forge and resource (for tests and diagnostics).</summary>
    public static long? RemainingQuota(string forge, string resource = "core") =>
        Quotas.TryGetValue((forge, resource), out var quota) ? quota.Remaining : null;

    private static IEnumerable<Measurement<long>> Observe(Func<Quota, long> value) =>
        Quotas.Select(entry => new Measurement<long>(value(entry.Value), new("forge", entry.Key.Forge), new("resource", entry.Key.Resource)));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private sealed record Quota(long Remaining, long Limit, long Reset);
}
