using Hangar.Core.Jobs;

namespace Hangar.Cli.Simulation;

/// <summary>A job in a replay: queued at its trace time, routed by the planner, started by the first idle runner of its
/// pool, done after its run time.</summary>
internal sealed class SimJob(Job job, TimeSpan runTime)
{
    public Job Job { get; set; } = job;

    public TimeSpan RunTime { get; } = runTime;

    public DateTimeOffset QueuedAt => Job.QueuedAt;

    public string? Pool => Job.Pool;

    public DateTimeOffset? StartedAt { get; set; }
}
