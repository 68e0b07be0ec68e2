namespace Hangar.Core.Planning.Policies;

/// <summary>
/// How far a <c>predictive</c> pool's price of a warm runner has moved from the self-financing one
/// (<see cref="WarmValue.Price"/>), as a natural logarithm. The best use of an idle budget buys every runner worth at
/// least one price, the one at which the budget is just spent; that price is not known in advance (excellent runners at
/// bursts pay for many poor ones), so it is found as the pool runs: it falls while the budget's window has credit left
/// and rises, back toward the self-financing price, while it is overspent. Slowly — e-fold in about a budget window at a third of the allowance unspent —
/// so that it settles on one price across the day rather than chasing each quiet hour's credit.
/// </summary>
internal sealed class WarmPrice
{
    // Between a price far below self-financing (every runner the forecast asks for) and the self-financing one: a
    // runner that earns its own idle minutes cannot overspend the budget, so it is always bought (the budget's cap on
    // the count, WarmTargets.Affordable, still holds it back while the window is overspent).
    private const double Lowest = -8;
    private const double Highest = 0;

    private DateTimeOffset? _at;

    public double Shift { get; private set; }

    /// <param name="creditShare">The window's unspent idle minutes over its allowance (negative when overspent).</param>
    public void Adjust(double creditShare, DateTimeOffset now, TimeSpan window)
    {
        if (_at is { } last && now > last && window > TimeSpan.Zero)
        {
            var span = (now - last).TotalMinutes / window.TotalMinutes;
            Shift = Math.Clamp(Shift - (3 * Math.Clamp(creditShare, -1, 1) * span), Lowest, Highest);
        }

        if (_at is null || now > _at)
        {
            _at = now;
        }
    }
}
