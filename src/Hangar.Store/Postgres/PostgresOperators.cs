using Hangar.Core.Instances;
using Hangar.Core.Operators;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// Operators' writes (migration 0016): runner removals, pool overrides and the actions behind them. The instance row or
/// the pool's override row is locked for the write, so two replicas' writes to one pool merge instead of racing.
/// </summary>
internal sealed class PostgresOperators(PostgresDatabase database)
{
    private const string ActionColumns = "id, at, actor, action, pool, instance, job, detail";

    public Task<Instance> RequestRemovalAsync(RunnerRemoval removal, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            var state = await PostgresInstances.ReadStateForUpdateAsync(connection, removal.Instance, ct);
            if (state is null or InstanceState.Deleted)
            {
                throw new KeyNotFoundException($"no live instance named {removal.Instance}");
            }

            await using (var upsert = new NpgsqlCommand(
                """
                INSERT INTO runner_removals (instance, force, requested_by, requested_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (instance) DO UPDATE SET force = runner_removals.force OR excluded.force,
                    requested_by = CASE WHEN excluded.force AND NOT runner_removals.force THEN excluded.requested_by ELSE runner_removals.requested_by END;
                """,
                connection))
            {
                upsert.Parameters.Bind(removal.Instance);
                upsert.Parameters.Bind(removal.Force);
                upsert.Parameters.Bind(removal.RequestedBy);
                upsert.Parameters.Bind(PostgresValues.ToStored(removal.RequestedAt));
                await upsert.ExecuteNonQueryAsync(ct);
            }

            await PostgresInstances.AppendHistoryAsync(connection, removal.Instance, state, state.Value, removal.RequestedAt, removal.Note, ct);
            Instance instance;
            await using (var read = new NpgsqlCommand($"SELECT {PostgresInstances.Columns} FROM instances WHERE name = $1;", connection))
            {
                read.Parameters.Bind(removal.Instance);
                await using var reader = await read.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                instance = PostgresInstances.Map(reader);
            }

            await InsertActionAsync(connection, new OperatorAction
            {
                At = removal.RequestedAt,
                Actor = removal.RequestedBy,
                Action = removal.Force ? "runner.kill" : "runner.delete",
                Pool = instance.Pool,
                Instance = removal.Instance,
                Detail = removal.Note,
            }, ct);

            // The pool's owner (maybe another replica) reads the requests again and plans the removal at once.
            await PostgresChanges.NotifyAsync(connection, new StoreChange(StoreChangeKind.Operators, instance.Pool), ct);
            return instance;
        }, cancellationToken);

    public Task<IReadOnlyList<RunnerRemoval>> ListRemovalsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<RunnerRemoval>>(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT r.instance, r.force, r.requested_by, r.requested_at FROM runner_removals r
                JOIN instances i ON i.name = r.instance WHERE i.state <> 'Deleted' ORDER BY r.instance;
                """,
                connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var removals = new List<RunnerRemoval>();
            while (await reader.ReadAsync(ct))
            {
                removals.Add(new RunnerRemoval
                {
                    Instance = reader.GetString(0),
                    Force = reader.GetBoolean(1),
                    RequestedBy = reader.GetString(2),
                    RequestedAt = reader.GetTime(3),
                });
            }

            return removals;
        }, cancellationToken);

    public Task<PoolOverride?> ChangeOverrideAsync(PoolOverrideChange change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            // Serialises writers of one pool, also the first two, when no row exists yet to lock.
            await using (var gate = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('pool_overrides:' || $1));", connection))
            {
                gate.Parameters.Bind(change.Pool);
                await gate.ExecuteNonQueryAsync(ct);
            }

            var current = (await ReadOverridesAsync(connection, change.Pool, ct)).SingleOrDefault();
            var merged = PoolOverride.Merge(current, change);
            if (merged is null)
            {
                await using var delete = new NpgsqlCommand("DELETE FROM pool_overrides WHERE pool = $1;", connection);
                delete.Parameters.Bind(change.Pool);
                await delete.ExecuteNonQueryAsync(ct);
            }
            else
            {
                await using var upsert = new NpgsqlCommand(
                    """
                    INSERT INTO pool_overrides (pool, enabled, min_idle, max_runners, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (pool) DO UPDATE SET enabled = excluded.enabled, min_idle = excluded.min_idle,
                        max_runners = excluded.max_runners, set_by = excluded.set_by, set_at = excluded.set_at;
                    """,
                    connection);
                upsert.Parameters.Bind(change.Pool);
                upsert.Parameters.Bind(merged.Enabled);
                upsert.Parameters.Bind(merged.MinIdle);
                upsert.Parameters.Bind(merged.MaxRunners);
                upsert.Parameters.Bind(merged.SetBy);
                upsert.Parameters.Bind(PostgresValues.ToStored(merged.SetAt));
                await upsert.ExecuteNonQueryAsync(ct);
            }

            await InsertActionAsync(connection, new OperatorAction
            {
                At = change.At, Actor = change.Actor, Action = change.Action, Pool = change.Pool, Detail = change.Detail,
            }, ct);
            await PostgresChanges.NotifyAsync(connection, new StoreChange(StoreChangeKind.Operators, change.Pool), ct);
            return merged;
        }, cancellationToken);

    public Task<IReadOnlyList<PoolOverride>> ListOverridesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => ReadOverridesAsync(connection, null, ct), cancellationToken);

    public Task RecordActionAsync(OperatorAction action, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await InsertActionAsync(connection, action, ct);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<OperatorAction>> ListActionsAsync(OperatorActionQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand { Connection = connection };
            var list = new PostgresListCommand(command, $"SELECT {ActionColumns} FROM operator_actions");
            if (query.Pool is { } pool)
            {
                list.WhereEqual("pool", pool);
            }

            if (query.Instance is { } instance)
            {
                list.WhereEqual("instance", instance);
            }

            list.Page(["id"], ListOrder.NewestFirst, query.Before is { } before ? p => [p.Bind(before)] : null, query.Limit);
            return await list.ReadAsync(
                r => new OperatorAction
                {
                    Sequence = r.GetInt64(0),
                    At = r.GetTime(1),
                    Actor = r.GetString(2),
                    Action = r.GetString(3),
                    Pool = r.GetStringOrNull(4),
                    Instance = r.GetStringOrNull(5),
                    Job = r.GetStringOrNull(6),
                    Detail = r.GetString(7),
                },
                ct);
        }, cancellationToken);
    }

    private static async Task<IReadOnlyList<PoolOverride>> ReadOverridesAsync(NpgsqlConnection connection, string? pool, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pool, enabled, min_idle, max_runners, set_by, set_at FROM pool_overrides"
            + (pool is null ? "" : " WHERE pool = $1") + " ORDER BY pool;",
            connection);
        if (pool is not null)
        {
            command.Parameters.Bind(pool);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var overrides = new List<PoolOverride>();
        while (await reader.ReadAsync(ct))
        {
            overrides.Add(new PoolOverride
            {
                Pool = reader.GetString(0),
                Enabled = reader.IsDBNull(1) ? null : reader.GetBoolean(1),
                MinIdle = reader.IsDBNull(2) ? null : reader.GetInt32(2),
                MaxRunners = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                SetBy = reader.GetString(4),
                SetAt = reader.GetTime(5),
            });
        }

        return overrides;
    }

    private static async Task InsertActionAsync(NpgsqlConnection connection, OperatorAction action, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO operator_actions (at, actor, action, pool, instance, job, detail) VALUES ($1, $2, $3, $4, $5, $6, $7);", connection);
        command.Parameters.Bind(PostgresValues.ToStored(action.At));
        command.Parameters.Bind(action.Actor);
        command.Parameters.Bind(action.Action);
        command.Parameters.Bind(action.Pool);
        command.Parameters.Bind(action.Instance);
        command.Parameters.Bind(action.Job);
        command.Parameters.Bind(action.Detail);
        await command.ExecuteNonQueryAsync(ct);
    }
}
