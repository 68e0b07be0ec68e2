using System.Runtime.CompilerServices;
using Hangar.Core.Instances;
using Hangar.Core.Storage;

namespace Hangar.Cli.Traces;

/// <summary>
/// The workload Hangar stored, as a trace: every job queued since <c>since</c> (pool, labels, queued, started,
/// completed), then every instance created since then (created, online, deleted, from its history). Read in pages, so
/// the export's memory does not grow with the history.
/// </summary>
internal sealed class TraceExport(IStore store)
{
    private const int Page = 2_000;

    public async IAsyncEnumerable<TraceRecord> ReadAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var job in store.ReadAllAsync(new JobQuery { UpdatedSince = since }, Page, ct).ConfigureAwait(false))
        {
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
                yield return await InstanceAsync(instance, ct).ConfigureAwait(false);
            }

            if (page.Count < Page)
            {
                break;
            }

            instances = instances with { After = InstanceCursor.Of(page[^1]) };
        }
    }

    /// <summary>Online is the first move to idle (or straight to busy: a job was waiting); deleted the move to deleted.</summary>
    private async Task<TraceRecord> InstanceAsync(Instance instance, CancellationToken ct)
    {
        var history = await store.GetHistoryAsync(instance.Name, 100, ct).ConfigureAwait(false);
        DateTimeOffset? online = null;
        DateTimeOffset? deleted = null;
        foreach (var move in history)
        {
            if (move.To is InstanceState.Idle or InstanceState.Busy && move.From is not InstanceState.Idle and not InstanceState.Busy)
            {
                online = online is { } seen && seen < move.At ? seen : move.At;
            }

            if (move.To == InstanceState.Deleted)
            {
                deleted = move.At;
            }
        }

        return new TraceRecord
        {
            Kind = TraceRecord.InstanceKind,
            Name = instance.Name,
            Pool = instance.Pool,
            Created = instance.CreatedAt,
            Online = online,
            Deleted = deleted,
        };
    }
}
