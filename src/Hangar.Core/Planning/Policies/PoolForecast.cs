namespace Hangar.Core.Planning.Policies;

/// <summary>
/// A pool's forecast at one moment, as <see cref="DemandForecaster"/> read it from the pool's recent arrivals: what a
/// <see cref="PredictiveWarmPolicy"/> decides from, and what its reason in an instance's history quotes.
/// </summary>
public sealed record PoolForecast
{
    /// <summary>The arrival rate the warm supply is sized for (jobs per minute).</summary>
    public double Rate { get; init; }

    /// <summary>The smoothed rate of the last quarter hour or so.</summary>
    public double RecentRate { get; init; }

    /// <summary>The busiest minute of the coming boot time and lookahead on past days of the same kind (weekday or
    /// weekend), one week back weighing as much as all the others; zero without a day of history.</summary>
    public double ProfileRate { get; init; }

    /// <summary>The last minute's arrivals far above the smoothed rate: a burst under way.</summary>
    public bool Burst { get; init; }

    /// <summary>Jobs per arrival: a push that fans out into a matrix arrives as one batch.</summary>
    public double BatchSize { get; init; } = 1;

    /// <summary>P(a push brings j jobs) at index j over the recent pushes, or null before one was seen.</summary>
    public IReadOnlyList<double>? BatchSizes { get; init; }

    public TimeSpan BootTime { get; init; }

    /// <summary>Idle runner-minutes over runner-minutes in the budget window (0 when nothing ran).</summary>
    public double IdleShare { get; init; }

    /// <summary>Runner-minutes (create to delete) in the budget window, weighted toward the recent; 0 before any runner
    /// was seen, when the budget has nothing to be a share of.</summary>
    public double RunnerMinutes { get; init; }

    /// <summary>The idle runner-minutes the budget still allows in its window: its share of the runner-minutes less the
    /// idle minutes spent; negative when overspent.</summary>
    public double IdleCredit { get; init; }

    /// <summary>The pool's runners booting or busy at the last look: each earns the budget idle minutes as it runs.</summary>
    public int Working { get; init; }

    /// <summary>Busy runner-minutes (create to job end, less idle) per job in the budget window: what a job earns the
    /// idle budget; 0 before a job and a runner were seen.</summary>
    public double BusyMinutesPerJob { get; init; }

    /// <summary>How far the pool's budget has moved the price of a warm runner from the self-financing one (a natural
    /// logarithm: −1 is e-fold cheaper), found as the pool runs (<see cref="WarmPrice"/>).</summary>
    public double PriceShift { get; init; }
}
