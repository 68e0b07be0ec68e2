using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning;

/// <param name="Jobs">Open jobs (waiting, queued, in progress); others are ignored.</param>
/// <param name="Instances">Instances not yet deleted.</param>
public sealed record PlannerInput(
    IReadOnlyList<PoolSpec> Pools,
    IReadOnlyList<Job> Jobs,
    IReadOnlyList<Instance> Instances,
    DateTimeOffset Now)
{
    /// <summary>
    /// Pools that are runner scale sets, with the jobs GitHub assigned to each (waiting and running: the statistics'
    /// <c>totalAssignedJobs</c>). For these pools demand is that count less the pool's busy runners, so running jobs are
    /// not counted twice, instead of the routed queued jobs.
    /// </summary>
    public IReadOnlyDictionary<string, int> ScaleSetAssignedJobs { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Instances an operator asked to remove, by name, with whether the removal is forced: forced ones are killed now
    /// (<see cref="DestroyReason.HardCap"/>); others go now when they hold no job (<see cref="DestroyReason.Removed"/>) and
    /// after their job when busy. Either way none counts as supply any more.
    /// </summary>
    public IReadOnlyDictionary<string, bool> Removals { get; init; } = new Dictionary<string, bool>();

    /// <summary>The forecast of each pool with a <c>predictive</c> policy (<see cref="DemandForecaster"/>); a pool
    /// without one keeps its <c>min_idle</c>.</summary>
    public IReadOnlyDictionary<string, PoolForecast> Forecasts { get; init; } = new Dictionary<string, PoolForecast>();
}
