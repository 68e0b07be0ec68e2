using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning;

/// <param name="Jobs">Open jobs (waiting, queued, in progress); others are ignored.</param>
/// <param name="Instances">Instances not yet deleted.</param>
public sealed record PlannerInput(
    IReadOnlyList<PoolSpec> Pools,
    IReadOnlyList<Job> Jobs,
    IReadOnlyList<Instance> Instances,
    DateTimeOffset Now);
