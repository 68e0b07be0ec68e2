using Hangar.Cli.Traces;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;

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

    /// <summary>The job of a trace record, queued now: its labels (else its pool's), repository and owner as the forge
    /// would send them.</summary>
    public static SimJob Queued(TraceRecord record, PoolSpec? pool, long id, DateTimeOffset now)
    {
        var target = pool?.Target;
        var repository = record.Repository ?? target switch
        {
            { Scope: TargetScope.Repository } t => t.Name,
            { Scope: TargetScope.Organization } t => t.Name + "/app",
            _ => "acme/app",
        };
        return new SimJob(new Job
        {
            Forge = pool?.Forge ?? record.Forge ?? "github",
            Id = id,
            Status = JobStatus.Queued,
            Repository = repository,
            Owner = record.Owner ?? repository.Split('/')[0],
            Enterprise = target is { Scope: TargetScope.Enterprise } e ? e.Name : null,
            Labels = record.Labels ?? pool?.Labels ?? [],
            ReceivedAt = now,
            QueuedAt = now,
            UpdatedAt = now,
        }, record.RunTime!.Value);
    }
}
