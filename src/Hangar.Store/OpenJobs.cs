using Hangar.Core.Jobs;

namespace Hangar.Store;

/// <summary>The statuses of a job not finished (<see cref="Job.IsOpen"/>), as both stores store them.</summary>
internal static class OpenJobs
{
    public static readonly int[] Statuses = [(int)JobStatus.Waiting, (int)JobStatus.Queued, (int)JobStatus.InProgress];
}
