using Hangar.Core.Instances;
using Hangar.Core.Operators;
using Hangar.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>Operators' writes (migration 0016): runner removals, pool overrides and the actions behind them.</summary>
internal sealed class SqliteOperators(SqliteDatabase database)
{
    private const string ActionColumns = "id, at, actor, action, pool, instance, job, detail";

    public Task<Instance> RequestRemovalAsync(RunnerRemoval removal, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            var state = await SqliteInstances.ReadStateAsync(connection, removal.Instance, ct);
            if (state is null or InstanceState.Deleted)
            {
                throw new KeyNotFoundException($"no live instance named {removal.Instance}");
            }

            await using (var upsert = connection.CreateCommand())
            {
                // A second request keeps the first's time and may only make it forced, never take force back.
                upsert.CommandText = """
                    INSERT INTO runner_removals (instance, force, requested_by, requested_at) VALUES ($instance, $force, $by, $at)
                    ON CONFLICT (instance) DO UPDATE SET force = max(force, excluded.force),
                        requested_by = CASE WHEN excluded.force > force THEN excluded.requested_by ELSE requested_by END;
                    """;
                upsert.Parameters.Add("$instance", removal.Instance);
                upsert.Parameters.Add("$force", removal.Force ? 1 : 0);
                upsert.Parameters.Add("$by", removal.RequestedBy);
                upsert.Parameters.Add("$at", SqliteValues.ToUnixMs(removal.RequestedAt));
                await upsert.ExecuteNonQueryAsync(ct);
            }

            await SqliteInstances.AppendHistoryAsync(connection, removal.Instance, state, state.Value, removal.RequestedAt, removal.Note, ct);
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT pool FROM instances WHERE name = $name;";
            read.Parameters.Add("$name", removal.Instance);
            var pool = (string)(await read.ExecuteScalarAsync(ct))!;
            await InsertActionAsync(connection, new OperatorAction
            {
                At = removal.RequestedAt,
                Actor = removal.RequestedBy,
                Action = removal.Force ? "runner.kill" : "runner.delete",
                Pool = pool,
                Instance = removal.Instance,
                Detail = removal.Note,
            }, ct);
            return await ReadInstanceAsync(connection, removal.Instance, ct);
        }, cancellationToken);

    public Task<IReadOnlyList<RunnerRemoval>> ListRemovalsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<RunnerRemoval>>(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT r.instance, r.force, r.requested_by, r.requested_at FROM runner_removals r
                JOIN instances i ON i.name = r.instance WHERE i.state <> 'Deleted' ORDER BY r.instance;
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            var removals = new List<RunnerRemoval>();
            while (await reader.ReadAsync(ct))
            {
                removals.Add(new RunnerRemoval
                {
                    Instance = reader.GetString(0),
                    Force = reader.GetInt64(1) != 0,
                    RequestedBy = reader.GetString(2),
                    RequestedAt = reader.GetTime(3),
                });
            }

            return removals;
        }, cancellationToken);

    public Task<PoolOverride?> ChangeOverrideAsync(PoolOverrideChange change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            var current = (await ReadOverridesAsync(connection, change.Pool, ct)).SingleOrDefault();
            var merged = PoolOverride.Merge(current, change);
            await using (var write = connection.CreateCommand())
            {
                if (merged is null)
                {
                    write.CommandText = "DELETE FROM pool_overrides WHERE pool = $pool;";
                }
                else
                {
                    write.CommandText = """
                        INSERT INTO pool_overrides (pool, enabled, min_idle, max_runners, set_by, set_at)
                        VALUES ($pool, $enabled, $min, $max, $by, $at)
                        ON CONFLICT (pool) DO UPDATE SET enabled = excluded.enabled, min_idle = excluded.min_idle,
                            max_runners = excluded.max_runners, set_by = excluded.set_by, set_at = excluded.set_at;
                        """;
                    write.Parameters.Add("$enabled", merged.Enabled is { } e ? (e ? 1 : 0) : null);
                    write.Parameters.Add("$min", merged.MinIdle);
                    write.Parameters.Add("$max", merged.MaxRunners);
                    write.Parameters.Add("$by", merged.SetBy);
                    write.Parameters.Add("$at", SqliteValues.ToUnixMs(merged.SetAt));
                }

                write.Parameters.Add("$pool", change.Pool);
                await write.ExecuteNonQueryAsync(ct);
            }

            await InsertActionAsync(connection, new OperatorAction
            {
                At = change.At, Actor = change.Actor, Action = change.Action, Pool = change.Pool, Detail = change.Detail,
            }, ct);
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
            await using var command = connection.CreateCommand();
            var list = new SqliteListCommand(command, $"SELECT {ActionColumns} FROM operator_actions");
            if (query.Pool is { } pool)
            {
                list.WhereEqual("pool", pool);
            }

            if (query.Instance is { } instance)
            {
                list.WhereEqual("instance", instance);
            }

            list.Page(["id"], ListOrder.NewestFirst, query.Before is { } before ? [before] : null, query.Limit);
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

    private static async Task<IReadOnlyList<PoolOverride>> ReadOverridesAsync(SqliteConnection connection, string? pool, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pool, enabled, min_idle, max_runners, set_by, set_at FROM pool_overrides"
            + (pool is null ? "" : " WHERE pool = $pool") + " ORDER BY pool;";
        if (pool is not null)
        {
            command.Parameters.Add("$pool", pool);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var overrides = new List<PoolOverride>();
        while (await reader.ReadAsync(ct))
        {
            overrides.Add(new PoolOverride
            {
                Pool = reader.GetString(0),
                Enabled = reader.GetInt64OrNull(1) is { } e ? e != 0 : null,
                MinIdle = (int?)reader.GetInt64OrNull(2),
                MaxRunners = (int?)reader.GetInt64OrNull(3),
                SetBy = reader.GetString(4),
                SetAt = reader.GetTime(5),
            });
        }

        return overrides;
    }

    private static async Task InsertActionAsync(SqliteConnection connection, OperatorAction action, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO operator_actions (at, actor, action, pool, instance, job, detail)
            VALUES ($at, $actor, $action, $pool, $instance, $job, $detail);
            """;
        command.Parameters.Add("$at", SqliteValues.ToUnixMs(action.At));
        command.Parameters.Add("$actor", action.Actor);
        command.Parameters.Add("$action", action.Action);
        command.Parameters.Add("$pool", action.Pool);
        command.Parameters.Add("$instance", action.Instance);
        command.Parameters.Add("$job", action.Job);
        command.Parameters.Add("$detail", action.Detail);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Instance> ReadInstanceAsync(SqliteConnection connection, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteInstances.Columns} FROM instances WHERE name = $name;";
        command.Parameters.Add("$name", name);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return SqliteInstances.Map(reader);
    }
}
