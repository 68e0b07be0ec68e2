using Hangar.Core.Pools;

namespace Hangar.Cli.Simulation;

/// <summary>What a replay runs with: the pools (with the policy under test), their boot times, the providers' slots and
/// the loop's pace.</summary>
internal sealed record SimulationSetup
{
    public required IReadOnlyList<PoolSpec> Pools { get; init; }

    /// <summary>Each pool's boot times; a pool not here uses <see cref="DefaultBoot"/>.</summary>
    public IReadOnlyDictionary<string, BootTimes> Boot { get; init; } = new Dictionary<string, BootTimes>();

    public BootTimes DefaultBoot { get; init; } = BootTimes.Uniform(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    /// <summary>Each pool's create, start and destroy times when the trace's instances give them; such a pool's creates
    /// and destroys wait for a slot of its provider. A pool not here boots for <see cref="BootOf"/> with no slot.</summary>
    public IReadOnlyDictionary<string, MachinePhases> Phases { get; init; } = new Dictionary<string, MachinePhases>();

    /// <summary><c>providers.X.max_concurrency</c>: creates and destroys at once per provider (the actuator's slots).</summary>
    public IReadOnlyDictionary<string, int> ProviderConcurrency { get; init; } = new Dictionary<string, int>();

    /// <summary><c>server.loops.converge.interval</c>: the planner also runs at once when a job arrives, as intake
    /// nudges the converge loop in <c>serve</c>.</summary>
    public TimeSpan ConvergeInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>From a runner online (or a job routed to an idle one) to the job started on it: the forge's assignment.</summary>
    public TimeSpan Pickup { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>The <c>random</c> profile's spells the trace was drawn with, for figures per spell; null without.</summary>
    public Traces.RandomProfile? Spells { get; init; }

    /// <summary>A level per hidden spell (a bound, with <see cref="Spells"/>), or null.</summary>
    public SpellOracle? Oracle { get; init; }

    /// <summary>The wait counted as a cold start in the per-spell figures.</summary>
    public TimeSpan ColdStart { get; init; } = TimeSpan.FromSeconds(30);

    public BootTimes BootOf(string pool) => Boot.TryGetValue(pool, out var boot) ? boot : DefaultBoot;

    /// <summary>The actuator's default when a provider sets no <c>max_concurrency</c> (ProviderSlots).</summary>
    public int ConcurrencyOf(string provider) => ProviderConcurrency.TryGetValue(provider, out var slots) ? Math.Max(1, slots) : 8;
}
