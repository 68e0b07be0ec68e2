namespace Hangar.Core.Planning.Policies;

/// <summary>
/// <c>predictive</c>: keep enough runners warm that a job's expected wait stays under <see cref="TargetWait"/>, from a
/// forecast of the pool's arrivals (<see cref="DemandForecaster"/>), while the pool's idle runner-minutes stay within
/// <see cref="IdleBudget"/> of its runner-minutes. Bounded by <c>min_idle</c> below and <c>max_runners</c> above.
/// </summary>
public sealed record PredictiveWarmPolicy : WarmPolicy
{
    public override string Type => "predictive";

    /// <summary>The wait a job may have: arrivals closer together than a boot time less this must find a warm runner.</summary>
    public TimeSpan TargetWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The share of the pool's runner-minutes that may be idle (over <see cref="BudgetWindow"/>). It caps the
    /// warm supply smoothly: the runners working now and the jobs forecast within the horizon earn idle runners at
    /// this share, and the window's unspent (or overspent) idle minutes are added (or taken) over the horizon.</summary>
    public double IdleBudget { get; init; } = 0.15;

    /// <summary>The boot time assumed until the pool's own runners have been seen coming online.</summary>
    public TimeSpan BootTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How far ahead the daily and weekly profile is read, beyond the boot time, to warm up before a burst.</summary>
    public TimeSpan Lookahead { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The share of arrivals in a boot time that the warm supply covers (a quantile of the forecast).</summary>
    public double Coverage { get; init; } = 0.95;

    /// <summary>The trailing span over which idle and runner minutes are weighed against <see cref="IdleBudget"/>.</summary>
    public TimeSpan BudgetWindow { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How slowly the forecast may fall: a dip shorter than this keeps most of the warm supply (hysteresis).</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromMinutes(10);
}
