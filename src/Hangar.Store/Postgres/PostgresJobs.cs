using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

internal sealed class PostgresJobs(PostgresDatabase database)
{
    private const string Columns =
        "forge, id, attempt, status, repository, owner, enterprise, labels, run_id, name, pool, unroutable_reason, " +
        "runner_name, runner_id, conclusion, received_at, queued_at, started_at, completed_at, updated_at";

    private const string KeyMatches = "forge = $1 AND id = $2 AND attempt = $3";

    /// <summary>The order of every job list, unique per job (see <see cref="JobCursor"/> for the one move its first part makes).</summary>
    private static readonly string[] ListKey = ["queued_at", "id", "forge", "attempt"];

    public Task<JobEventOutcome> RecordAsync(JobEvent jobEvent, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, ct) => RecordAsync(connection, jobEvent, now, ct), cancellationToken);

    /// <summary>
    /// One event inside the caller's transaction. The delivery row and the job row stay locked until it ends, so a
    /// concurrent transaction with the same delivery waits and then finds it, and one with another event of the same
    /// job waits and then merges into this one's result.
    /// </summary>
    public static async Task<JobEventOutcome> RecordAsync(NpgsqlConnection connection, JobEvent jobEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Job? stored;
        await using (var batch = new NpgsqlBatch(connection))
        {
            if (jobEvent.DeliveryId is { } deliveryId)
            {
                var remember = new NpgsqlBatchCommand(
                    "INSERT INTO deliveries (id_hash, delivery_id, received_at) VALUES ($1, $2, $3) ON CONFLICT (id_hash) DO NOTHING RETURNING true;");
                remember.Parameters.Bind(PostgresValues.DeliveryKey(deliveryId));
                remember.Parameters.Bind(deliveryId);
                remember.Parameters.Bind(PostgresValues.ToStored(now));
                batch.BatchCommands.Add(remember);
            }

            batch.BatchCommands.Add(ReadCommand(jobEvent.Key));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (jobEvent.DeliveryId is not null)
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return JobEventOutcome.Duplicate;
                }

                await reader.NextResultAsync(cancellationToken);
            }

            stored = await reader.ReadAsync(cancellationToken) ? Map(reader) : null;
        }

        while (true)
        {
            if (stored is not null)
            {
                var merged = JobEventMerge.Merge(stored, jobEvent, now);
                if (merged is null)
                {
                    return JobEventOutcome.Stale;
                }

                await WriteAsync(connection, merged, insert: false, cancellationToken);
                return JobEventOutcome.Updated;
            }

            if (await WriteAsync(connection, JobEventMerge.Create(jobEvent, now), insert: true, cancellationToken))
            {
                return JobEventOutcome.Created;
            }

            // Another transaction created the job since the read and has committed (the insert waited for it): merge
            // into what it stored, holding the row's lock from here on.
            stored = await ReadAsync(connection, jobEvent.Key, cancellationToken);
        }
    }

    public Task<Job?> GetAsync(JobKey key, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM jobs WHERE {KeyMatches};", connection);
            BindKey(command.Parameters, key);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? Map(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<Job>> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        if (query.Limit == 0 || query.RunnerNames is { Count: 0 })
        {
            return Task.FromResult<IReadOnlyList<Job>>([]);
        }

        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand { Connection = connection };
            var list = new PostgresListCommand(command, $"SELECT {Columns} FROM jobs");
            if (query.Statuses.Count > 0)
            {
                list.WhereIn("status", query.Statuses.Select(s => (int)s).ToArray());
            }

            if (query.Pool is not null)
            {
                list.Where("pool = {0}", query.Pool);
            }

            if (query.UpdatedSince is { } since)
            {
                list.Where("updated_at >= {0}", PostgresValues.ToStored(since));
            }

            if (query.RunnerNames is { } runnerNames)
            {
                list.WhereIn("runner_name", runnerNames.ToArray());
            }

            list.Page(ListKey, query.Order, query.After is { } after ? p => [
                p.Bind(PostgresValues.ToStored(after.QueuedAt)), p.Bind(after.Id), p.Bind(after.Forge), p.Bind(after.Attempt)] : null, query.Limit);
            return await list.ReadAsync(Map, ct);
        }, cancellationToken);
    }

    public Task SetRouteAsync(JobKey key, string? pool, string? unroutableReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((pool is null) == (unroutableReason is null))
        {
            throw new ArgumentException("exactly one of pool and unroutableReason must be given", nameof(pool));
        }

        return database.WriteAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(
                $"UPDATE jobs SET pool = $4, unroutable_reason = $5, updated_at = $6 WHERE {KeyMatches};", connection);
            BindKey(command.Parameters, key);
            command.Parameters.Bind(pool);
            command.Parameters.Bind(unroutableReason);
            command.Parameters.Bind(PostgresValues.ToStored(now));
            if (await command.ExecuteNonQueryAsync(ct) == 0)
            {
                throw new KeyNotFoundException($"job {key} not found");
            }

            return true;
        }, cancellationToken);
    }

    private static NpgsqlBatchCommand ReadCommand(JobKey key)
    {
        var command = new NpgsqlBatchCommand($"SELECT {Columns} FROM jobs WHERE {KeyMatches} FOR UPDATE;");
        BindKey(command.Parameters, key);
        return command;
    }

    private static async Task<Job?> ReadAsync(NpgsqlConnection connection, JobKey key, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { ReadCommand(key) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Map(reader) : null;
    }

    private static void BindKey(NpgsqlParameterCollection parameters, JobKey key)
    {
        parameters.Bind(key.Forge);
        parameters.Bind(key.Id);
        parameters.Bind(key.Attempt);
    }

    /// <summary>Inserts (unless the job exists: then false) or updates the whole row.</summary>
    private static async Task<bool> WriteAsync(NpgsqlConnection connection, Job job, bool insert, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            insert
                ? $"""
                   INSERT INTO jobs ({Columns})
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                   ON CONFLICT (forge, id, attempt) DO NOTHING;
                   """
                : $"""
                   UPDATE jobs SET status = $4, repository = $5, owner = $6, enterprise = $7, labels = $8, run_id = $9, name = $10,
                       pool = $11, unroutable_reason = $12, runner_name = $13, runner_id = $14, conclusion = $15, received_at = $16,
                       queued_at = $17, started_at = $18, completed_at = $19, updated_at = $20
                   WHERE {KeyMatches};
                   """,
            connection);
        var p = command.Parameters;
        BindKey(p, job.Key);
        p.Bind((int)job.Status);
        p.Bind(job.Repository);
        p.Bind(job.Owner);
        p.Bind(job.Enterprise);
        p.Bind(job.Labels.ToArray());
        p.Bind(job.RunId);
        p.Bind(job.Name);
        p.Bind(job.Pool);
        p.Bind(job.UnroutableReason);
        p.Bind(job.RunnerName);
        p.Bind(job.RunnerId);
        p.Bind(job.Conclusion);
        p.Bind(PostgresValues.ToStored(job.ReceivedAt));
        p.Bind(PostgresValues.ToStored(job.QueuedAt));
        p.Bind(PostgresValues.ToStored(job.StartedAt));
        p.Bind(PostgresValues.ToStored(job.CompletedAt));
        p.Bind(PostgresValues.ToStored(job.UpdatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static Job Map(NpgsqlDataReader r) => new()
    {
        Forge = r.GetString(0),
        Id = r.GetInt64(1),
        Attempt = r.GetInt64(2),
        Status = (JobStatus)r.GetInt32(3),
        Repository = r.GetString(4),
        Owner = r.GetStringOrNull(5),
        Enterprise = r.GetStringOrNull(6),
        Labels = r.GetFieldValue<string[]>(7),
        RunId = r.GetInt64OrNull(8),
        Name = r.GetStringOrNull(9),
        Pool = r.GetStringOrNull(10),
        UnroutableReason = r.GetStringOrNull(11),
        RunnerName = r.GetStringOrNull(12),
        RunnerId = r.GetInt64OrNull(13),
        Conclusion = r.GetStringOrNull(14),
        ReceivedAt = r.GetTime(15),
        QueuedAt = r.GetTime(16),
        StartedAt = r.GetTimeOrNull(17),
        CompletedAt = r.GetTimeOrNull(18),
        UpdatedAt = r.GetTime(19),
    };
}
