using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Storage;
using Hangar.Testing;

namespace Hangar.Engine.Tests;

/// <summary>
/// Many open jobs that will never close (their webhooks lost, their runs gone), queued a day ago and last heard of an
/// hour ago: what piles up in a long-running store. Stored in parallel, so the store's group commit takes a batch per
/// transaction.
/// </summary>
internal static class ZombieJobs
{
    public const long FirstId = 1_000_000;

    /// <param name="firstId">Ids are <paramref name="firstId"/> onwards (at least <see cref="FirstId"/>).</param>
    public static Task StoreAsync(
        EngineHarness h, int count, JobStatus status, IReadOnlyList<string>? labels = null, string? repository = null, long firstId = FirstId, CancellationToken ct = default)
    {
        var now = h.Time.GetUtcNow();
        return Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            h.Store.RecordJobEventAsync(Event(h, firstId + i, status, labels, repository) with { CreatedAt = now.AddDays(-1) }, now.AddHours(-1), ct)))
            .WaitAsync(h.Timeout * 4, ct);
    }

    /// <summary>Stores routing's decision for each queued zombie, as converge would have on an earlier pass: the pool, or
    /// (null) that none can serve it.</summary>
    public static async Task RouteAsync(EngineHarness h, string? pool, CancellationToken ct = default)
    {
        var now = h.Time.GetUtcNow();
        var zombies = (await h.Store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Queued], Limit = 100_000 }, ct)).Where(j => j.Id >= FirstId);
        await Task.WhenAll(zombies.Select(job =>
            h.Store.SetJobRouteAsync(job.Key, pool, pool is null ? JobRouter.UnroutableReason(job) : null, now.AddHours(-1), ct)))
            .WaitAsync(h.Timeout * 4, ct);
    }

    private static JobEvent Event(EngineHarness h, long id, JobStatus status, IReadOnlyList<string>? labels, string? repository)
    {
        var jobEvent = h.JobEvent(id, status, labels: labels);
        return repository is null ? jobEvent : jobEvent with { Repository = repository };
    }
}
