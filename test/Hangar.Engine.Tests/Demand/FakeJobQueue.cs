using Hangar.Core.Forges;
using Hangar.Core.Pools;

namespace Hangar.Engine.Tests.Demand;

/// <summary>A forge job queue that answers what the test put in it, or fails when told to.</summary>
internal sealed class FakeJobQueue(string name) : IForgeJobQueue
{
    private readonly List<QueuedForgeJob> _jobs = [];

    public string Name => name;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(15);

    public bool Fail { get; set; }

    public List<(ForgeTarget Target, IReadOnlyList<string> Labels)> Reads { get; } = [];

    public void Set(params QueuedForgeJob[] jobs)
    {
        _jobs.Clear();
        _jobs.AddRange(jobs);
    }

    public Task<IReadOnlyList<QueuedForgeJob>> ListJobQueueAsync(ForgeTarget target, IReadOnlyList<string> labels, CancellationToken cancellationToken = default)
    {
        Reads.Add((target, labels));
        return Fail
            ? Task.FromException<IReadOnlyList<QueuedForgeJob>>(new ForgeException("queue unavailable", 502))
            : Task.FromResult<IReadOnlyList<QueuedForgeJob>>([.. _jobs]);
    }
}
