using Hangar.Core.Jobs;

namespace Hangar.Core.Storage;

/// <summary>
/// A position in a list of jobs: the sort key (queue time, then id, forge and attempt) of the last job of a page. The
/// queue time moves once at most, forward, when a job waiting for an approval is queued: a walk newest first does not
/// see a job approved after the walk passed its new place (the next walk does), one oldest first sees it at its new place.
/// </summary>
public sealed record JobCursor(DateTimeOffset QueuedAt, long Id, string Forge, long Attempt)
{
    public static JobCursor Of(Job job) => new(job.QueuedAt, job.Id, job.Forge, job.Attempt);
}
