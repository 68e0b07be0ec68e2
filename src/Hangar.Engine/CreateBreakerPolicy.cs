namespace Hangar.Engine;

/// <summary>
/// When a pool's creates stop being tried: after <see cref="Failures"/> failed attempts in a row (of any of its
/// instances, with no success between), for <see cref="Delay"/>, doubling at every failed probe up to
/// <see cref="MaxDelay"/>. The settings and the pure "how long"; <see cref="CreateBreaker"/> keeps the state.
/// </summary>
public sealed record CreateBreakerPolicy
{
    public int Failures { get; init; } = 5;

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the breaker stays open after its <paramref name="trip"/>-th opening in a row: delay × 2^(n−1), capped.</summary>
    public TimeSpan OpenFor(int trip)
    {
        var exponent = Math.Clamp(trip - 1, 0, 20);
        return TimeSpan.FromMilliseconds(Math.Min(Delay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds));
    }
}
