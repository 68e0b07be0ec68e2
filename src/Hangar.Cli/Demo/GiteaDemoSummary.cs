namespace Hangar.Cli.Demo;

/// <summary>What <c>hangar demo --forge gitea|forgejo|forgejo-11</c> reports.</summary>
internal sealed record GiteaDemoSummary
{
    public required string Forge { get; init; }

    public required string Provider { get; init; }

    public int JobsQueued { get; init; }

    public int JobsCompleted { get; init; }

    /// <summary>Jobs taken by a runner of another pool, or by a runner that also took another job.</summary>
    public int WrongRunner { get; init; }

    public int MachinesLeft { get; init; }

    /// <summary>Runner rows still at the forge; expected only on Forgejo 11, which cannot remove them.</summary>
    public int RegistrationsLeft { get; init; }

    public double ElapsedSeconds { get; init; }

    public bool TimedOut { get; init; }

    public bool Success { get; init; }
}
