using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// Records a batch of job events in the caller's transaction, with exactly the outcomes recording them one by one in
/// queue order would give, and tells other replicas which jobs changed. An event that is alone in the batch with its job
/// and its delivery id (a new job's <c>queued</c>, mostly) goes in one statement that remembers the delivery and
/// inserts the job unless it is stored (<see cref="PostgresJobs.CreateIfNewCommand"/>); all of those, and the
/// notification, are one pipelined batch, so a batch of new jobs costs one round trip before the commit. The other
/// events take the general path: one batch remembers their delivery ids and locks every job row they touch,
/// <see cref="JobEventMerge"/> runs here on the rows as stored, and a second batch writes the results. Rows are locked
/// in key order, so two replicas' general paths cannot deadlock on each other's rows; the rare deadlock of a new row
/// inserted by one batch and locked by another is the database's to break, and the write is retried whole.
/// </summary>
internal static class PostgresIntakeBatch
{
    public static async Task<JobEventOutcome[]> RecordAsync(
        NpgsqlConnection connection, IReadOnlyList<(JobEvent Event, DateTimeOffset Now)> events, CancellationToken cancellationToken)
    {
        var outcomes = new JobEventOutcome[events.Count];
        var (rest, remembered, notified) = await CreateAlonesAsync(connection, events, outcomes, cancellationToken);
        if (rest.Count > 0)
        {
            // An event whose delivery the first batch remembered counts: it is recorded as one without an id.
            var general = rest.Select(i => remembered.Contains(i) ? (events[i].Event with { DeliveryId = null }, events[i].Now) : events[i]).ToArray();
            await RecordInGeneralAsync(connection, general, [.. rest], outcomes, notified, cancellationToken);
        }

        return outcomes;
    }

    /// <summary>
    /// The events alone in the batch with their job and delivery id, each as one <see cref="PostgresJobs.CreateIfNewCommand"/>
    /// (in key order), sent with the notification of their jobs in one batch. Returns the events still to record: the
    /// others, and those whose job was stored (their delivery now remembered, so their id is dropped).
    /// </summary>
    private static async Task<(List<int> Others, HashSet<int> Remembered, HashSet<JobKey> Notified)> CreateAlonesAsync(
        NpgsqlConnection connection, IReadOnlyList<(JobEvent Event, DateTimeOffset Now)> events, JobEventOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var perKey = events.CountBy(e => e.Event.Key).ToDictionary(c => c.Key, c => c.Value);
        var perDelivery = events.Where(e => e.Event.DeliveryId is not null).CountBy(e => e.Event.DeliveryId!, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var alone = Enumerable.Range(0, events.Count)
            .Where(i => perKey[events[i].Event.Key] == 1 && (events[i].Event.DeliveryId is not { } id || perDelivery[id] == 1))
            .OrderBy(i => events[i].Event.Key.Forge, StringComparer.Ordinal).ThenBy(i => events[i].Event.Key.Id).ThenBy(i => events[i].Event.Key.Attempt)
            .ToArray();
        var rest = Enumerable.Range(0, events.Count).Except(alone).ToList();
        var remembered = new HashSet<int>();
        var notified = new HashSet<JobKey>();
        if (alone.Length == 0)
        {
            return (rest, remembered, notified);
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var i in alone)
        {
            var (jobEvent, now) = events[i];
            batch.BatchCommands.Add(PostgresJobs.CreateIfNewCommand(JobEventMerge.Create(jobEvent, now), jobEvent.DeliveryId, now));
        }

        // A hint, sent with the rows: a job that turns out stored (then merged below) or a duplicate delivery costs
        // other replicas one read of a row that did not change.
        notified.UnionWith(alone.Select(i => events[i].Event.Key));
        batch.BatchCommands.Add(PostgresChanges.NotifyJobsCommand(notified));
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            foreach (var i in alone)
            {
                await reader.ReadAsync(cancellationToken);
                var (fresh, created) = (reader.GetBoolean(0), reader.GetBoolean(1));
                outcomes[i] = !fresh ? JobEventOutcome.Duplicate : created ? JobEventOutcome.Created : default;
                if (fresh && !created)
                {
                    rest.Add(i);
                    remembered.Add(i);
                }

                await reader.NextResultAsync(cancellationToken);
            }
        }

        rest.Sort();
        return (rest, remembered, notified);
    }

    /// <summary>The general path for <paramref name="events"/> (at <paramref name="at"/> in the batch's outcomes).</summary>
    private static async Task RecordInGeneralAsync(
        NpgsqlConnection connection, (JobEvent Event, DateTimeOffset Now)[] events, int[] at, JobEventOutcome[] batchOutcomes,
        HashSet<JobKey> notified, CancellationToken cancellationToken)
    {
        var keys = events.Select(e => e.Event.Key).Distinct().OrderBy(k => k.Forge, StringComparer.Ordinal).ThenBy(k => k.Id).ThenBy(k => k.Attempt).ToArray();
        // Each delivery id with the time of the first event carrying it: only that one can count.
        var deliveries = events.Where(e => e.Event.DeliveryId is not null).DistinctBy(e => e.Event.DeliveryId, StringComparer.Ordinal)
            .Select(e => (Id: e.Event.DeliveryId!, e.Now)).OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        var (fresh, stored) = await RememberAndLockAsync(connection, deliveries, keys, cancellationToken);

        // A delivery counts once: for the first event carrying it, and only if no earlier transaction stored it.
        var outcomes = new JobEventOutcome[events.Length];
        var applied = new List<int>();
        for (var i = 0; i < events.Length; i++)
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
            var unheard = results.Select(r => r.Key).Where(k => !notified.Contains(k)).ToList();
            notified.UnionWith(unheard);
            var lost = await WriteAsync(connection, results, unheard, cancellationToken);

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

        for (var i = 0; i < events.Length; i++)
        {
            batchOutcomes[at[i]] = outcomes[i];
        }
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

    /// <summary>Writes every changed job, and the notification of those not yet notified, in one round trip; returns the jobs that turned out to exist when inserted.</summary>
    private static async Task<JobKey[]> WriteAsync(
        NpgsqlConnection connection, (JobKey Key, Job? Job, bool Insert, bool Changed)[] results, List<JobKey> notify, CancellationToken cancellationToken)
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

        // Sent with the writes: delivered when (and only if) the transaction commits.
        if (notify.Count > 0)
        {
            batch.BatchCommands.Add(PostgresChanges.NotifyJobsCommand(notify));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return [.. results.Where((r, i) => r.Insert && batch.BatchCommands[i].RecordsAffected == 0).Select(r => r.Key)];
    }
}
