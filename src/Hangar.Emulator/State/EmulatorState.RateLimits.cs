namespace Hangar.Emulator.State;

public sealed partial class EmulatorState
{
    /// <summary>GitHub's primary limit is per hour; the window opens with a credential's first request after the last reset.</summary>
    internal static readonly TimeSpan RateLimitWindow = TimeSpan.FromHours(1);

    private readonly Lock _quotaGate = new();
    private readonly Dictionary<string, QuotaAccount> _quotas = new(StringComparer.Ordinal);

    /// <summary>Requests per credential per hour, or null when there is no primary limit.</summary>
    public int? RateLimit => _options.RateLimit;

    /// <summary>Every credential that made a counted request, with its counters.</summary>
    internal IReadOnlyList<RateLimitCounters> RateLimits
    {
        get
        {
            lock (_quotaGate)
            {
                return [.. _quotas.Select(q => q.Value.Snapshot(q.Key, RateLimit ?? 0)).OrderBy(c => c.Credential, StringComparer.Ordinal)];
            }
        }
    }

    internal RateLimitCounters? RateLimitOf(string credential)
    {
        lock (_quotaGate)
        {
            return _quotas.TryGetValue(credential, out var account) ? account.Snapshot(credential, RateLimit ?? 0) : null;
        }
    }

    /// <summary>Reserves one request of <paramref name="credential"/>'s quota (the window renews when its hour is over);
    /// refused, and recorded under <paramref name="route"/>, when the window's quota is spent. A reserved request is
    /// then settled with <see cref="SettleRequest"/>.</summary>
    internal QuotaTake TakeRequest(string credential, string route)
    {
        var limit = RateLimit ?? throw new InvalidOperationException("no rate limit is configured");
        var now = _time.GetUtcNow();
        lock (_quotaGate)
        {
            if (!_quotas.TryGetValue(credential, out var account))
            {
                _quotas[credential] = account = new QuotaAccount { LowestRemaining = limit };
            }

            if (account.Reset is not { } reset || now >= reset)
            {
                account.Reset = reset = now + RateLimitWindow;
                account.Used = 0;
            }

            if (account.Used >= limit)
            {
                account.LowestRemaining = 0;
                Increment(account.RefusedByRoute, route);
                return new QuotaTake(false, limit, account.Used, reset);
            }

            account.Used++;
            return new QuotaTake(true, limit, account.Used, reset);
        }
    }

    /// <summary>Counts a reserved request, or gives it back when it was a conditional request answered 304 (GitHub does
    /// not count those). Returns the window's use to report.</summary>
    internal int SettleRequest(string credential, string route, QuotaTake taken, bool notModified)
    {
        lock (_quotaGate)
        {
            var account = _quotas[credential];
            var sameWindow = account.Reset == taken.Reset;
            if (notModified)
            {
                account.NotModified++;
                if (sameWindow)
                {
                    account.Used--;
                }

                return Math.Max(0, taken.Used - 1);
            }

            account.Counted++;
            account.LowestRemaining = Math.Min(account.LowestRemaining, taken.Limit - taken.Used);
            Increment(account.CountedByRoute, route);
            return taken.Used;
        }
    }

    private static void Increment(Dictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private sealed class QuotaAccount
    {
        public DateTimeOffset? Reset { get; set; }

        public int Used { get; set; }

        public required int LowestRemaining { get; set; }

        public long Counted { get; set; }

        public long NotModified { get; set; }

        public Dictionary<string, long> RefusedByRoute { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> CountedByRoute { get; } = new(StringComparer.Ordinal);

        public RateLimitCounters Snapshot(string credential, int limit) => new()
        {
            Credential = credential,
            Limit = limit,
            Used = Used,
            Reset = Reset ?? default,
            LowestRemaining = LowestRemaining,
            Counted = Counted,
            NotModified = NotModified,
            RefusedByRoute = new Dictionary<string, long>(RefusedByRoute, StringComparer.Ordinal),
            CountedByRoute = new Dictionary<string, long>(CountedByRoute, StringComparer.Ordinal),
        };
    }
}
