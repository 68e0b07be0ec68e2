using Hangar.Core.Pools;

namespace Hangar.Core.Forges;

/// <summary>
/// A forge whose demand is polled from a job queue rather than pushed (Forgejo, which sends no job-level webhooks):
/// its waiting and running jobs a runner with given labels could take.
/// </summary>
public interface IForgeJobQueue
{
    string Name { get; }

    /// <summary>How often the queue is polled (<c>forges.NAME.poll_interval</c>).</summary>
    TimeSpan PollInterval { get; }

    /// <summary>Jobs at <paramref name="target"/> that a runner carrying <paramref name="labels"/> could take, waiting or
    /// running; empty when there are none.</summary>
    /// <exception cref="ForgeException">The forge refused, failed or answered something malformed.</exception>
    Task<IReadOnlyList<QueuedForgeJob>> ListJobQueueAsync(ForgeTarget target, IReadOnlyList<string> labels, CancellationToken cancellationToken = default);
}
