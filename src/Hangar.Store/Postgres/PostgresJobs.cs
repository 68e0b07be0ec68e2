using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Lists;
using Npgsql;

namespace Hangar.Store.Postgres;

internal sealed class PostgresJobs(PostgresDatabase database)
{
    private const string Columns =
        "forge, id, attempt, status, repository, owner, enterprise, labels, run_id, name, pool, unroutable_reason, " +
        "runner_name, runner_id, conclusion, received_at, queued_at, started_at, completed_at, updated_at, " +
        "checked_at, missed_checks, close_reason";

    /// <summary>What a read returns: every column a write sets, then the kill mark only Hangar sets (migration 0002).</summary>
    public const string ReadColumns = Columns + ", killed_at, killed_reason";

    private const string KeyMatches = "forge = $1 AND id = $2 AND attempt = $3";

    /// <summary>The order of every job list, unique per job (see <see cref="JobCursor"/> for the one move its first part makes).</summary>
    private static readonly string[] ListKey = ["queued_at", "id", "forge", "attempt"];

    public Task<Job?> GetAsync(JobKey key, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {ReadColumns} FROM jobs WHERE {KeyMatches};", connection);
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
            var list = new PostgresListCommand(command, $"SELECT {ReadColumns} FROM jobs");
            ListFilters.Apply(list, query);
            list.Page(ListKey, query.Order, query.After is { } after ? p => [
                p.Bind(PostgresValues.ToStored(after.QueuedAt)), p.Bind(after.Id), p.Bind(after.Forge), p.Bind(after.Attempt)] : null, query.Limit);
            return await list.ReadAsync(Map, ct);
        }, cancellationToken);
    }

    public Task SetRouteAsync(JobKey key, string? pool, string? unroutableReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        StoreArguments.EnsureOneRoute(pool, unroutableReason);
        return database.WriteAsync(async (connection, ct) =>
        {
            var updated = await SetRouteAsync(connection, key, pool, unroutableReason, now, ct);
            await PostgresChanges.NotifyJobsAsync(connection, [key], ct);
            return updated;
        }, cancellationToken);
    }

    /// <summary>The route update inside the caller's transaction (<see cref="PostgresStore.StorePlanAsync"/> joins it to intents).</summary>
    public static async Task<bool> SetRouteAsync(NpgsqlConnection connection, JobKey key, string? pool, string? unroutableReason, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE jobs SET pool = $4, unroutable_reason = $5, updated_at = $6 WHERE {KeyMatches};", connection);
        BindKey(command.Parameters, key);
        command.Parameters.Bind(pool);
        command.Parameters.Bind(unroutableReason);
        command.Parameters.Bind(PostgresValues.ToStored(now));
        return await UpdateOneAsync(command, key, ct);
    }

    public Task MarkKilledAsync(JobKey key, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            // The first mark stays: a second kill of the same job says nothing new.
            await using var command = new NpgsqlCommand(
                $"UPDATE jobs SET killed_at = COALESCE(killed_at, $4), killed_reason = COALESCE(killed_reason, $5) WHERE {KeyMatches};", connection);
            BindKey(command.Parameters, key);
            command.Parameters.Bind(PostgresValues.ToStored(now));
            command.Parameters.Bind(reason);
            var updated = await UpdateOneAsync(command, key, ct);
            await PostgresChanges.NotifyJobsAsync(connection, [key], ct);
            return updated;
        }, cancellationToken);

    public Task<IReadOnlyList<JobRepository>> ListRepositoriesAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<JobRepository>>(async (connection, ct) =>
        {
            // Byte order, as SQLite sorts text, so both stores list repositories alike.
            await using var command = new NpgsqlCommand(
                """
                SELECT forge, repository, max(owner), max(enterprise) FROM jobs
                WHERE updated_at >= $1 GROUP BY forge, repository ORDER BY forge COLLATE "C", repository COLLATE "C";
                """,
                connection);
            command.Parameters.Bind(PostgresValues.ToStored(updatedSince));
            var repositories = new List<JobRepository>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                repositories.Add(new JobRepository(reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3)));
            }

            return repositories;
        }, cancellationToken);

    /// <summary>Runs an <c>UPDATE … WHERE</c> the job's key (bound first); throws when no job has it.</summary>
    private static async Task<bool> UpdateOneAsync(NpgsqlCommand command, JobKey key, CancellationToken ct)
    {
        if (await command.ExecuteNonQueryAsync(ct) == 0)
        {
            throw new KeyNotFoundException($"job {key} not found");
        }

        return true;
    }

    /// <summary>Reads a job and locks its row until the transaction ends.</summary>
    public static NpgsqlBatchCommand ReadForUpdateCommand(JobKey key)
    {
        var command = new NpgsqlBatchCommand($"SELECT {ReadColumns} FROM jobs WHERE {KeyMatches} FOR UPDATE;");
        BindKey(command.Parameters, key);
        return command;
    }

    private static void BindKey(NpgsqlParameterCollection parameters, JobKey key)
    {
        parameters.Bind(key.Forge);
        parameters.Bind(key.Id);
        parameters.Bind(key.Attempt);
    }

    /// <summary>Inserts the whole row (affecting none when the job exists) or updates it.</summary>
    public static NpgsqlBatchCommand WriteCommand(Job job, bool insert)
    {
        var command = new NpgsqlBatchCommand(insert
            ? $"""
               INSERT INTO jobs ({Columns})
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
               ON CONFLICT (forge, id, attempt) DO NOTHING;
               """
            : $"""
               UPDATE jobs SET status = $4, repository = $5, owner = $6, enterprise = $7, labels = $8, run_id = $9, name = $10,
                   pool = $11, unroutable_reason = $12, runner_name = $13, runner_id = $14, conclusion = $15, received_at = $16,
                   queued_at = $17, started_at = $18, completed_at = $19, updated_at = $20,
                   checked_at = $21, missed_checks = $22, close_reason = $23
               WHERE {KeyMatches};
               """);
        BindRow(command.Parameters, job);
        return command;
    }

    /// <summary>
    /// A new job's row with its delivery, in one statement: the delivery id is remembered, and only if it is new is the
    /// row inserted, unless one with its key is stored. Reads one row: whether the delivery was new, whether the row was.
    /// Without a delivery id the row alone is tried.
    /// </summary>
    public static NpgsqlBatchCommand CreateIfNewCommand(Job job, string? deliveryId, DateTimeOffset receivedAt)
    {
        var remember = deliveryId is null
            ? "SELECT true"
            : "INSERT INTO deliveries (id_hash, delivery_id, received_at) VALUES ($24, $25, $26) ON CONFLICT (id_hash) DO NOTHING RETURNING true";
        var command = new NpgsqlBatchCommand($"""
            WITH d AS ({remember}),
            j AS (
                INSERT INTO jobs ({Columns})
                SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23 FROM d
                ON CONFLICT (forge, id, attempt) DO NOTHING RETURNING true)
            SELECT EXISTS (SELECT 1 FROM d), EXISTS (SELECT 1 FROM j);
            """);
        BindRow(command.Parameters, job);
        if (deliveryId is not null)
        {
            command.Parameters.Bind(PostgresValues.DeliveryKey(deliveryId));
            command.Parameters.Bind(deliveryId);
            command.Parameters.Bind(PostgresValues.ToStored(receivedAt));
        }

        return command;
    }

    private static void BindRow(NpgsqlParameterCollection p, Job job)
    {
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
        p.Bind(PostgresValues.ToStored(job.CheckedAt));
        p.Bind(job.MissedChecks);
        p.Bind(job.CloseReason);
    }

    public static Job Map(NpgsqlDataReader r) => new()
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
        CheckedAt = r.GetTimeOrNull(20),
        MissedChecks = r.GetInt32(21),
        CloseReason = r.GetStringOrNull(22),
        KilledAt = r.GetTimeOrNull(23),
        KilledReason = r.GetStringOrNull(24),
    };
}
