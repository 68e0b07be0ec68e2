using System.Runtime.CompilerServices;
using Hangar.Core.Instances;
using Hangar.Core.Storage;

namespace Hangar.Cli.Traces;

/// <summary>
/// The workload Hangar stored, as a trace: every job queued since <c>since</c> (pool, labels, queued, started,
/// completed), then every instance created since then (created, provisioning, booting, online, deleting, deleted, from its
/// history). Read in pages; what is kept across pages is each runner's first job start (one entry per runner).
/// </summary>
internal sealed class TraceExport(IStore store)
{
    private const int Page = 2_000;

    public async IAsyncEnumerable<TraceRecord> ReadAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct)
    {
        var firstStarts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var job in store.ReadAllAsync(new JobQuery { UpdatedSince = since }, Page, ct).ConfigureAwait(false))
        {
            if (job is { RunnerName: { } runner, StartedAt: { } started }
                && (!firstStarts.TryGetValue(runner, out var seen) || started < seen))
            {
                firstStarts[runner] = started;
            }

            if (job.QueuedAt >= since)
            {
                yield return new TraceRecord
                {
                    Kind = TraceRecord.JobKind,
                    Pool = job.Pool,
                    Forge = job.Forge,
                    Repository = job.Repository,
                    Owner = job.Owner,
                    Labels = job.Labels,
                    Queued = job.QueuedAt,
                    Received = job.ReceivedAt,
                    Started = job.StartedAt,
                    Completed = job.CompletedAt,
                };
            }
        }

        var instances = new InstanceQuery { Limit = Page };
        while (true)
        {
            var page = await store.ListInstancesAsync(instances, ct).ConfigureAwait(false);
            foreach (var instance in page.Where(i => i.CreatedAt >= since))
            {
                yield return await InstanceAsync(instance, firstStarts.TryGetValue(instance.Name, out var first) ? first : null, ct).ConfigureAwait(false);
            }

            if (page.Count < Page)
            {
                break;
            }

            instances = instances with { After = InstanceCursor.Of(page[^1]) };
        }
    }

    /// <summary>
    /// Online is the first move to idle (or straight to busy: a job was waiting), as Hangar saw it; the first job's start
    /// goes beside it, since Hangar sees a runner online only at its next look at the forge or when the job's
    /// <c>in_progress</c> webhook is applied (<see cref="TraceRecord.ReachedOnline"/>). Provisioning is the last move to
    /// it (a retried create has several).
    /// </summary>
    private async Task<TraceRecord> InstanceAsync(Instance instance, DateTimeOffset? firstJobStart, CancellationToken ct)
    {
        var history = await store.GetHistoryAsync(instance.Name, 100, ct).ConfigureAwait(false);
        DateTimeOffset? online = null;
        DateTimeOffset? provisioning = null;
        DateTimeOffset? booting = null;
        DateTimeOffset? deleting = null;
        DateTimeOffset? deleted = null;
        foreach (var move in history)
        {
            if (move.To is InstanceState.Idle or InstanceState.Busy && move.From is not InstanceState.Idle and not InstanceState.Busy)
            {
                online = Earliest(online, move.At);
            }

            switch (move.To)
            {
                case InstanceState.Booting:
                    booting = Earliest(booting, move.At);
                    break;
                case InstanceState.Provisioning:
                    provisioning = provisioning is { } p && p > move.At ? p : move.At;
                    break;
                case InstanceState.Deleting:
                    deleting = Earliest(deleting, move.At);
                    break;
                case InstanceState.Deleted:
                    deleted = move.At;
                    break;
            }
        }

        return new TraceRecord
        {
            Kind = TraceRecord.InstanceKind,
            Name = instance.Name,
            Pool = instance.Pool,
            Created = instance.CreatedAt,
            Provisioning = provisioning is { } made && booting is { } b && made > b ? null : provisioning,
            Booting = booting,
            Online = online,
            FirstJob = firstJobStart,
            Deleting = deleting,
            Deleted = deleted,
        };
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
