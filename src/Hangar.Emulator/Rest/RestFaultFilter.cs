using System.Globalization;
using Hangar.Emulator.Faults;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Rest;

/// <summary>
/// Injects the REST faults of <see cref="EmulatorFaults"/> before a REST call is handled (so a faulted call changes no
/// state, as when GitHub's front end refuses it): 5xx, 429 with <c>Retry-After</c>, 403 with an exhausted primary quota
/// and its reset time, or a hang. Draws come from a random source seeded with <see cref="EmulatorFaults.Seed"/>,
/// re-seeded whenever the faults change, so a sequence of calls meets the same faults on every run.
/// </summary>
internal sealed class RestFaultFilter(EmulatorState state) : IEndpointFilter
{
    private static readonly int[] ServerErrors = [500, 502, 503];

    private readonly Lock _gate = new();
    private EmulatorFaults? _seededFor;
    private Random _random = new(0);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var faults = state.Faults;
        if (faults.RestServerErrorRate <= 0 && faults.RestRateLimitRate <= 0 && faults.RestQuotaExhaustedRate <= 0 && faults.RestTimeoutRate <= 0)
        {
            return await next(context).ConfigureAwait(false);
        }

        var (draw, pick) = Draw(faults);
        var http = context.HttpContext;
        var retryAfterSeconds = Math.Max(1, (long)Math.Ceiling(faults.RetryAfter.TotalSeconds));
        if ((draw -= faults.RestServerErrorRate) < 0)
        {
            var status = ServerErrors[pick % ServerErrors.Length];
            return GitHubResults.Error(status, status == 502 ? "Server Error" : "Service Unavailable");
        }

        if ((draw -= faults.RestRateLimitRate) < 0)
        {
            http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return GitHubResults.Error(StatusCodes.Status429TooManyRequests, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
        }

        if ((draw -= faults.RestQuotaExhaustedRate) < 0)
        {
            // A quota that ran out elsewhere (another client of the same credential): the real counters are not touched.
            var limit = state.RateLimit ?? 5000;
            RateLimitHeaders.Write(http.Response, limit, limit, state.Time.GetUtcNow().AddSeconds(retryAfterSeconds));
            return GitHubResults.Error(StatusCodes.Status403Forbidden, "API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.");
        }

        if ((draw -= faults.RestTimeoutRate) < 0)
        {
            try
            {
                await Task.Delay(faults.Timeout, state.Time, http.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up first, as it should.
            }

            return GitHubResults.Error(StatusCodes.Status504GatewayTimeout, "We couldn't respond to your request in time.");
        }

        return await next(context).ConfigureAwait(false);
    }

    private (double Draw, int Pick) Draw(EmulatorFaults faults)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(faults, _seededFor))
            {
                _seededFor = faults;
                _random = new Random(faults.Seed);
            }

            return (_random.NextDouble(), _random.Next(ServerErrors.Length));
        }
    }
}
