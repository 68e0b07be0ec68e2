using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Hangar.Forges.GitHub;

/// <summary>The retry rules of reference section 4: server-named waits first, exponential back-off with jitter otherwise,
/// and never a retry for 401 or a 403 that is a permission error rather than a rate limit.</summary>
internal static class GitHubResilience
{
    public const int MaxRetryAttempts = 3;

    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>A rate limit that lifts later than this is not waited out inside one call: the caller's loop retries later.</summary>
    public static readonly TimeSpan MaxServerDelay = TimeSpan.FromMinutes(2);

    /// <summary>GitHub's guidance for a secondary rate limit that names no wait.</summary>
    public static readonly TimeSpan SecondaryLimitDelay = TimeSpan.FromSeconds(60);

    /// <summary>Slack after <c>x-ratelimit-reset</c>, for clock skew between us and GitHub.</summary>
    public static readonly TimeSpan ResetSkew = TimeSpan.FromSeconds(1);

    public static readonly ResiliencePropertyKey<string> RequestKey = new("Hangar.GitHub.Request");

    public static ResiliencePipeline<HttpResponseMessage> Create(string forge, ILogger logger, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = BaseDelay,
                MaxDelay = MaxBackoff,
                ShouldHandle = args => ValueTask.FromResult(
                    IsTransient(args.Outcome, args.Context.CancellationToken, timeProvider.GetUtcNow())),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? ServerDelay(response, timeProvider.GetUtcNow()) : null),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, "request");
                    var reason = args.Outcome.Result is { } response
                        ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
                        : args.Outcome.Exception?.GetType().Name ?? "unknown";
                    GitHubMetrics.Retry(forge, reason);
                    if (args.Outcome.Result is { StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests } limited)
                    {
                        var primary = Header(limited, "x-ratelimit-remaining") == "0";
                        GitHubMetrics.RateLimited(forge, primary ? "primary" : "secondary");
                        GitHubForgeLog.RateLimited(logger, forge, request, Header(limited, "x-ratelimit-resource") ?? "core",
                            (int)limited.StatusCode, args.RetryDelay);
                    }
                    else
                    {
                        GitHubForgeLog.RetryingRequest(logger, forge, request, reason, args.AttemptNumber + 1, args.RetryDelay);
                    }

                    return default;
                },
            })
            .Build();

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken, DateTimeOffset now) =>
        outcome switch
        {
            { Exception: HttpRequestException } => true,
            // HttpClient's own timeout surfaces as a cancellation nobody asked for.
            { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
            { Result: { } response } => IsTransient(response, now),
            _ => false,
        };

    public static bool IsTransient(HttpResponseMessage response, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return true;
        }

        if (status is not (403 or 429))
        {
            return false;
        }

        // A 403 without rate-limit headers is a permission error: retrying cannot help and hammering can get us banned.
        var delay = ServerDelay(response, now);
        return delay is { } wait && wait <= MaxServerDelay;
    }

    /// <summary>The wait GitHub asks for, or null when it names none and plain back-off applies.</summary>
    public static TimeSpan? ServerDelay(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        if (Header(response, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var resetSeconds)
            && resetSeconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            var reset = DateTimeOffset.FromUnixTimeSeconds(resetSeconds);
            return (reset > now ? reset - now : TimeSpan.Zero) + ResetSkew;
        }

        return (int)response.StatusCode == 429 ? SecondaryLimitDelay : null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
