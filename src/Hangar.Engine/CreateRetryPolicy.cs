using Hangar.Core.Instances;

namespace Hangar.Engine;

/// <summary>
/// When a failed create is tried again under the same name: exponential backoff from the failure
/// (<see cref="Instance.StateChangedAt"/>), with a deterministic jitter from the name so that many failures at once
/// do not retry in lockstep, and at most <see cref="MaxAttempts"/> attempts in all. The settings and the pure "when";
/// the only code that acts on them is <c>Actuation.CreateRetry</c> (the create-retry loop merely triggers it).
/// </summary>
public sealed record CreateRetryPolicy
{
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>True when another attempt may follow <paramref name="attemptsMade"/> failed ones.</summary>
    public bool MayRetry(int attemptsMade) => attemptsMade < MaxAttempts;

    /// <summary>The wait after the <paramref name="attemptsMade"/>-th failure: delay × 2^(n−1), capped, ±20 % jitter.</summary>
    public TimeSpan Backoff(string name, int attemptsMade)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 20);
        var raw = Delay.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(raw, MaxDelay.TotalMilliseconds);
        // string.GetHashCode is randomised per process; a stable hash keeps the schedule the same after a restart.
        var hash = 17u;
        foreach (var c in name)
        {
            hash = unchecked((hash * 31) + c);
        }

        var jitter = 0.8 + (0.4 * (hash % 1000) / 1000.0);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    /// <summary>A pending instance may be (re)started now: a fresh intent at once, a retry once its backoff has passed.</summary>
    public bool IsDue(Instance instance, DateTimeOffset now) =>
        instance.State == InstanceState.Pending
        && (instance.Attempts == 0 || now >= instance.StateChangedAt + Backoff(instance.Name, instance.Attempts));
}
