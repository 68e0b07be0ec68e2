namespace Hangar.Cli.Demo;

public sealed record DemoSummary
{
    public required string Provider { get; init; }

    public required int JobsQueued { get; init; }

    public required int JobsCompleted { get; init; }

    /// <summary>Jobs the server's store shows completed (it must agree with the forge).</summary>
    public required int JobsCompletedInStore { get; init; }

    public required int RunnersCreated { get; init; }

    public required int RunnersDeleted { get; init; }

    /// <summary>Machines still at the provider plus store instances not deleted, after the run settled.</summary>
    public required int Leaked { get; init; }

    /// <summary>Jobs taken by a runner of a pool whose labels do not cover them.</summary>
    public required int WrongPool { get; init; }

    /// <summary>Runner registrations that took more than one job (must be 0: runners are one-job).</summary>
    public required int RunnersWithSeveralJobs { get; init; }

    public required double LatencyP50Ms { get; init; }

    public required double LatencyP99Ms { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required bool TimedOut { get; init; }

    public bool Success => !TimedOut && JobsCompleted == JobsQueued && JobsCompletedInStore == JobsQueued && Leaked == 0 && WrongPool == 0 && RunnersWithSeveralJobs == 0;
}
