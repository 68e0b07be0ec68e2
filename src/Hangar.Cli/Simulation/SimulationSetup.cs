using Hangar.Core.Pools;

namespace Hangar.Cli.Simulation;

/// <summary>What a replay runs with: the pools (with the policy under test), their boot times and the loop's pace.</summary>
internal sealed record SimulationSetup
{
    public required IReadOnlyList<PoolSpec> Pools { get; init; }

    /// <summary>Each pool's boot times; a pool not here uses <see cref="DefaultBoot"/>.</summary>
    public IReadOnlyDictionary<string, BootTimes> Boot { get; init; } = new Dictionary<string, BootTimes>();

    public BootTimes DefaultBoot { get; init; } = BootTimes.Uniform(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    /// <summary><c>server.loops.converge.interval</c>: the planner also runs at once when a job arrives, as intake
    /// nudges the converge loop in <c>serve</c>.</summary>
    public TimeSpan ConvergeInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>From a runner online (or a job routed to an idle one) to the job started on it: the forge's assignment.</summary>
    public TimeSpan Pickup { get; init; }

    public int Seed { get; init; } = 1;

    public BootTimes BootOf(string pool) => Boot.TryGetValue(pool, out var boot) ? boot : DefaultBoot;
}
