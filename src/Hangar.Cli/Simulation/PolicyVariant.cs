using Hangar.Core.Pools;

namespace Hangar.Cli.Simulation;

/// <summary>One policy a simulation replays: its label, the pools with that policy in place, and for
/// <c>oracle:CALM/BUSY</c> the levels it switches the pools between.</summary>
internal sealed record PolicyVariant(string Label, IReadOnlyList<PoolSpec> Pools, SpellOracle? Oracle = null);
