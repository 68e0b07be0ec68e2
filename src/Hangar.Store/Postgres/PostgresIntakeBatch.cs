using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// Records a batch of job events in the caller's transaction with a few round trips whatever its size, and with exactly
/// the outcomes recording them one by one in queue order would give. The statements go out together (one pipelined
/// batch remembers every delivery id and locks every job row the events touch; a second writes the results), and
/// <see cref="JobEventMerge"/> runs here, between the two, on the rows as stored. Rows are locked in key order, so two
/// replicas' batches cannot deadlock on each other's rows.
/// </summary>
internal static class PostgresIntakeBatch
{
    public static async Task<JobEventOutcome[]> RecordAsync(
        NpgsqlConnection connection, IReadOnlyList<(JobEvent Event, DateTimeOffset Now)> events, CancellationToken cancellationToken)
    {
        var keys = events.Select(e => e.Event.Key).Distinct().OrderBy(k => k.Forge, StringComparer.Ordinal).ThenBy(k => k.Id).ThenBy(k => k.Attempt).ToArray();
        // Each delivery id with the time of the first event carrying it: only that one can count.
        var deliveries = events.Where(e => e.Event.DeliveryId is not null).DistinctBy(e => e.Event.DeliveryId, StringComparer.Ordinal)
            .Select(e => (Id: e.Event.DeliveryId!, e.Now)).OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        var (fresh, stored) = await RememberAndLockAsync(connection, deliveries, keys, cancellationToken);

        // A delivery counts once: for the first event carrying it, and only if no earlier transaction stored it.
        var outcomes = new JobEventOutcome[events.Count];
        var applied = new List<int>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Event.DeliveryId is not { } id || fresh.Remove(id))
            {
                applied.Add(i);
            }
            else
            {
                outcomes[i] = JobEventOutcome.Duplicate;
            }
        }

        var pending = keys;
        while (pending.Length > 0)
        {
            var results = pending.Select(k => Fold(k, stored[k], events, applied, outcomes)).Where(r => r.Changed).ToArray();
            var lost = await WriteAsync(connection, results, cancellationToken);

            // Another transaction created these jobs after the read (the insert waited for it to commit): fold the
            // same events again onto what it stored, locking those rows now.
            pending = lost;
            if (lost.Length > 0)
            {
                (_, var reread) = await RememberAndLockAsync(connection, [], lost, cancellationToken);
                foreach (var key in lost)
                {
                    stored[key] = reread[key];
                }
            }
        }

        return outcomes;
    }

    /// <summary>Remembers the delivery ids (returning those no earlier transaction stored) and reads and locks the jobs.</summary>
    private static async Task<(HashSet<string> Fresh, Dictionary<JobKey, Job?> Stored)> RememberAndLockAsync(
        NpgsqlConnection connection, (string Id, DateTimeOffset At)[] deliveries, JobKey[] keys, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (id, at) in deliveries)
        {
            var remember = new NpgsqlBatchCommand(
                "INSERT INTO deliveries (id_hash, delivery_id, received_at) VALUES ($1, $2, $3) ON CONFLICT (id_hash) DO NOTHING RETURNING true;");
            remember.Parameters.Bind(PostgresValues.DeliveryKey(id));
            remember.Parameters.Bind(id);
            remember.Parameters.Bind(PostgresValues.ToStored(at));
            batch.BatchCommands.Add(remember);
        }

        foreach (var key in keys)
        {
            batch.BatchCommands.Add(PostgresJobs.ReadForUpdateCommand(key));
        }

        var fresh = new HashSet<string>(StringComparer.Ordinal);
        var stored = new Dictionary<JobKey, Job?>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        foreach (var (id, _) in deliveries)
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                fresh.Add(id);
            }

            await reader.NextResultAsync(cancellationToken);
        }

        foreach (var key in keys)
        {
            stored[key] = await reader.ReadAsync(cancellationToken) ? PostgresJobs.Map(reader) : null;
            await reader.NextResultAsync(cancellationToken);
        }

        return (fresh, stored);
    }

    /// <summary>Applies, in queue order, the events of one job that count, recording each one's outcome.</summary>
    private static (JobKey Key, Job? Job, bool Insert, bool Changed) Fold(
        JobKey key, Job? stored, IReadOnlyList<(JobEvent Event, DateTimeOffset Now)> events, List<int> applied, JobEventOutcome[] outcomes)
    {
        var current = stored;
        var changed = false;
        foreach (var i in applied)
        {
            var (jobEvent, now) = events[i];
            if (jobEvent.Key != key)
            {
                continue;
            }

            if (current is null)
            {
                current = JobEventMerge.Create(jobEvent, now);
                outcomes[i] = JobEventOutcome.Created;
                changed = true;
            }
            else if (JobEventMerge.Merge(current, jobEvent, now) is { } merged)
            {
                current = merged;
                outcomes[i] = JobEventOutcome.Updated;
                changed = true;
            }
            else
            {
                outcomes[i] = JobEventOutcome.Stale;
            }
        }

        return (key, current, stored is null, changed);
    }

    /// <summary>Writes every changed job in one round trip; returns the jobs that turned out to exist when inserted.</summary>
    private static async Task<JobKey[]> WriteAsync(
        NpgsqlConnection connection, (JobKey Key, Job? Job, bool Insert, bool Changed)[] results, CancellationToken cancellationToken)
    {
        if (results.Length == 0)
        {
            return [];
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var result in results)
        {
            batch.BatchCommands.Add(PostgresJobs.WriteCommand(result.Job!, result.Insert));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return [.. results.Where((r, i) => r.Insert && batch.BatchCommands[i].RecordsAffected == 0).Select(r => r.Key)];
    }
}
