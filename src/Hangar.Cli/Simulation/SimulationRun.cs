namespace Hangar.Cli.Simulation;

/// <summary>One policy's replay of a trace: figures per pool and overall, and the timeline for the plot.</summary>
internal sealed record SimulationRun
{
    public required string Policy { get; init; }

    public required IReadOnlyDictionary<string, PoolFigures> Pools { get; init; }

    public required PoolFigures Overall { get; init; }

    public required Timeline Timeline { get; init; }

    /// <summary>Figures per spell of the <c>random</c> profile, when the replay was given its spells.</summary>
    public SpellFigures? Spells { get; init; }

    /// <summary>Wall-clock time the replay took.</summary>
    public TimeSpan Elapsed { get; init; }
}
