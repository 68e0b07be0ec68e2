namespace Hangar.Core.ScaleSets;

/// <summary>A scale set's counts as the forge reports them; absolute, so the latest one alone is the truth.</summary>
public sealed record ScaleSetStatistics
{
    public int TotalAvailableJobs { get; init; }

    public int TotalAcquiredJobs { get; init; }

    /// <summary>Jobs assigned to the scale set, waiting and running: the scaling signal.</summary>
    public int TotalAssignedJobs { get; init; }

    public int TotalRunningJobs { get; init; }

    public int TotalRegisteredRunners { get; init; }

    public int TotalBusyRunners { get; init; }

    public int TotalIdleRunners { get; init; }
}
