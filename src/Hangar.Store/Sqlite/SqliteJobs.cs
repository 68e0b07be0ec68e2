using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Lists;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

internal sealed class SqliteJobs(SqliteDatabase database)
{
    public const string Columns =
        "forge, id, attempt, status, repository, owner, enterprise, labels, run_id, name, pool, unroutable_reason, " +
        "runner_name, runner_id, conclusion, received_at, queued_at, started_at, completed_at, updated_at, " +
        "checked_at, missed_checks, close_reason";

    /// <summary>What a read returns: every column the intake writes, then the kill mark only Hangar sets (migration 0005).</summary>
    public const string ReadColumns = Columns + ", killed_at, killed_reason";

    /// <summary>The order of every job list, unique per job (see <see cref="JobCursor"/> for the one move its first part makes).</summary>
    private static readonly string[] ListKey = ["queued_at", "id", "forge", "attempt"];

    private const string RememberDelivery =
        "INSERT INTO deliveries (delivery_id, received_at) VALUES ($id, $at) ON CONFLICT (delivery_id) DO NOTHING;";

    private const string SelectOne = $"SELECT {ReadColumns} FROM jobs WHERE forge = $forge AND id = $id AND attempt = $attempt;";

    private const string Update = """
        UPDATE jobs SET status = $status, repository = $repository, owner = $owner, enterprise = $enterprise,
            labels = $labels, run_id = $run_id, name = $name, pool = $pool, unroutable_reason = $unroutable_reason,
            runner_name = $runner_name, runner_id = $runner_id, conclusion = $conclusion, received_at = $received_at,
            queued_at = $queued_at, started_at = $started_at, completed_at = $completed_at, updated_at = $updated_at,
            checked_at = $checked_at, missed_checks = $missed_checks, close_reason = $close_reason
        WHERE forge = $forge AND id = $id AND attempt = $attempt;
        """;

    /// <summary>A new job's row, unless one with its key is stored already (then nothing is written).</summary>
    private const string InsertIfAbsent = $"""
        INSERT INTO jobs ({Columns})
        VALUES ($forge, $id, $attempt, $status, $repository, $owner, $enterprise, $labels, $run_id, $name, $pool, $unroutable_reason,
                $runner_name, $runner_id, $conclusion, $received_at, $queued_at, $started_at, $completed_at, $updated_at,
                $checked_at, $missed_checks, $close_reason)
        ON CONFLICT (forge, id, attempt) DO NOTHING;
        """;

    // Intake is never fenced, as in every store: any replica takes in events, leased demand sources included.
    // The writer loop is intake's one serial step (every delivery's write runs in it, one after another), so what can be
    // done before the write is queued is: the new job's row and its labels' JSON. A new job (the common case: its
    // queued event) then costs two statements, the delivery and the row; an event for a stored job finds the insert
    // refused, reads the row and merges (Core's forward-only rule stays the only place that decides).
    public Task<JobEventOutcome> RecordAsync(JobEvent jobEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = JobEventMerge.Create(jobEvent, now);
        var labels = SqliteValues.ToJson(created.Labels);
        return database.WriteUnfencedAsync(async (connection, ct) =>
        {
            if (jobEvent.DeliveryId is { } deliveryId)
            {
                var remember = SqliteStatements.Reused(connection, RememberDelivery);
                remember.Parameters.Add("$id", deliveryId);
                remember.Parameters.Add("$at", SqliteValues.ToUnixMs(now));
                if (await remember.ExecuteNonQueryAsync(ct) == 0)
                {
                    return JobEventOutcome.Duplicate;
                }
            }

            if (await ExecuteWriteAsync(SqliteStatements.Reused(connection, InsertIfAbsent), created, labels, ct) == 1)
            {
                return JobEventOutcome.Created;
            }

            var stored = await ReadForWriteAsync(connection, jobEvent.Key, ct)
                ?? throw new InvalidOperationException($"job {jobEvent.Key} refused as a duplicate key and then not found");
            var merged = JobEventMerge.Merge(stored, jobEvent, now);
            if (merged is null)
            {
                return JobEventOutcome.Stale;
            }

            await UpdateAsync(connection, merged, ct);
            return JobEventOutcome.Updated;
        }, cancellationToken);
    }

    public Task<Job?> GetAsync(JobKey key, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => ReadAsync(connection, key, ct), cancellationToken);

    public Task<IReadOnlyList<Job>> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        if (query.Limit == 0 || query.RunnerNames is { Count: 0 })
        {
            return Task.FromResult<IReadOnlyList<Job>>([]);
        }

        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            return await ListCommand(command, query).ReadAsync(Map, ct);
        }, cancellationToken);
    }

    /// <summary>The list query's statement and parameters on <paramref name="command"/> (also what the query-plan tests read).</summary>
    internal static SqliteListCommand ListCommand(SqliteCommand command, JobQuery query)
    {
        var list = new SqliteListCommand(command, $"SELECT {ReadColumns} FROM jobs");
        ListFilters.Apply(list, query);
        list.Page(ListKey, query.Order, query.After is { } after ? [SqliteValues.ToUnixMs(after.QueuedAt), after.Id, after.Forge, after.Attempt] : null, query.Limit);
        return list;
    }

    public Task SetRouteAsync(JobKey key, string? pool, string? unroutableReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        StoreArguments.EnsureOneRoute(pool, unroutableReason);
        return database.WriteAsync((connection, ct) => SetRouteAsync(connection, key, pool, unroutableReason, now, ct), cancellationToken);
    }

    /// <summary>The route update inside the caller's transaction (<see cref="SqliteStore.StorePlanAsync"/> joins it to intents).</summary>
    public static async Task<bool> SetRouteAsync(SqliteConnection connection, JobKey key, string? pool, string? unroutableReason, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE jobs SET pool = $pool, unroutable_reason = $reason, updated_at = $now WHERE forge = $forge AND id = $id AND attempt = $attempt;";
        command.Parameters.Add("$pool", pool);
        command.Parameters.Add("$reason", unroutableReason);
        command.Parameters.Add("$now", SqliteValues.ToUnixMs(now));
        return await UpdateOneAsync(command, key, ct);
    }

    public Task<IReadOnlyList<JobRepository>> ListRepositoriesAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<JobRepository>>(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT forge, repository, max(owner), max(enterprise) FROM jobs
                WHERE updated_at >= $since GROUP BY forge, repository ORDER BY forge, repository;
                """;
            command.Parameters.Add("$since", SqliteValues.ToUnixMs(updatedSince));
            var repositories = new List<JobRepository>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                repositories.Add(new JobRepository(reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3)));
            }

            return repositories;
        }, cancellationToken);

    public Task MarkKilledAsync(JobKey key, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE jobs SET killed_at = COALESCE(killed_at, $now), killed_reason = COALESCE(killed_reason, $reason)
                WHERE forge = $forge AND id = $id AND attempt = $attempt;
                """;
            command.Parameters.Add("$now", SqliteValues.ToUnixMs(now));
            command.Parameters.Add("$reason", reason);
            return await UpdateOneAsync(command, key, ct);
        }, cancellationToken);

    /// <summary>Runs an <c>UPDATE … WHERE</c> the job's key (<c>$forge</c>, <c>$id</c>, <c>$attempt</c>); throws when no job has it.</summary>
    private static async Task<bool> UpdateOneAsync(SqliteCommand command, JobKey key, CancellationToken ct)
    {
        command.Parameters.Add("$forge", key.Forge);
        command.Parameters.Add("$id", key.Id);
        command.Parameters.Add("$attempt", key.Attempt);
        if (await command.ExecuteNonQueryAsync(ct) == 0)
        {
            throw new KeyNotFoundException($"job {key} not found");
        }

        return true;
    }

    public static async Task<Job?> ReadAsync(SqliteConnection connection, JobKey key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SelectOne;
        return await ReadOneAsync(command, key, cancellationToken);
    }

    /// <summary>The job as a write sees it, on the writer's connection, through a statement prepared once.</summary>
    public static Task<Job?> ReadForWriteAsync(SqliteConnection connection, JobKey key, CancellationToken cancellationToken) =>
        ReadOneAsync(SqliteStatements.Reused(connection, SelectOne), key, cancellationToken);

    private static async Task<Job?> ReadOneAsync(SqliteCommand command, JobKey key, CancellationToken cancellationToken)
    {
        command.Parameters.Add("$forge", key.Forge);
        command.Parameters.Add("$id", key.Id);
        command.Parameters.Add("$attempt", key.Attempt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Map(reader) : null;
    }

    public static Task UpdateAsync(SqliteConnection connection, Job job, CancellationToken cancellationToken) =>
        // Only ever inside a write: the statement is prepared once on the writer's connection.
        ExecuteWriteAsync(SqliteStatements.Reused(connection, Update), job, SqliteValues.ToJson(job.Labels), cancellationToken);

    /// <summary>Binds every column of <paramref name="job"/> (its labels already as JSON) and runs the statement (an insert or the update).</summary>
    private static Task<int> ExecuteWriteAsync(SqliteCommand command, Job job, string labels, CancellationToken cancellationToken)
    {
        var p = command.Parameters;
        p.Add("$forge", job.Forge);
        p.Add("$id", job.Id);
        p.Add("$attempt", job.Attempt);
        p.Add("$status", (int)job.Status);
        p.Add("$repository", job.Repository);
        p.Add("$owner", job.Owner);
        p.Add("$enterprise", job.Enterprise);
        p.Add("$labels", labels);
        p.Add("$run_id", job.RunId);
        p.Add("$name", job.Name);
        p.Add("$pool", job.Pool);
        p.Add("$unroutable_reason", job.UnroutableReason);
        p.Add("$runner_name", job.RunnerName);
        p.Add("$runner_id", job.RunnerId);
        p.Add("$conclusion", job.Conclusion);
        p.Add("$received_at", SqliteValues.ToUnixMs(job.ReceivedAt));
        p.Add("$queued_at", SqliteValues.ToUnixMs(job.QueuedAt));
        p.Add("$started_at", job.StartedAt is { } started ? SqliteValues.ToUnixMs(started) : null);
        p.Add("$completed_at", job.CompletedAt is { } completed ? SqliteValues.ToUnixMs(completed) : null);
        p.Add("$updated_at", SqliteValues.ToUnixMs(job.UpdatedAt));
        p.Add("$checked_at", job.CheckedAt is { } checkedAt ? SqliteValues.ToUnixMs(checkedAt) : null);
        p.Add("$missed_checks", job.MissedChecks);
        p.Add("$close_reason", job.CloseReason);
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static Job Map(SqliteDataReader r) => new()
    {
        Forge = r.GetString(0),
        Id = r.GetInt64(1),
        Attempt = r.GetInt64(2),
        Status = (JobStatus)r.GetInt32(3),
        Repository = r.GetString(4),
        Owner = r.GetStringOrNull(5),
        Enterprise = r.GetStringOrNull(6),
        Labels = SqliteValues.StringsFromJson(r.GetString(7)),
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
