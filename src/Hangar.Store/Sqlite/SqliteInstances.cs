using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Store.Lists;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

internal sealed class SqliteInstances(SqliteDatabase database)
{
    internal const string Columns =
        "name, pool, provider, state, created_at, state_changed_at, provider_id, forge_runner_id, job_id, attempts, last_reason, last_error, " +
        "forge, target_scope, target_name, stopped_tier, started_at, trace_parent";

    /// <summary>The order of every instance list: neither column ever changes, so paging never skips or repeats one.</summary>
    private static readonly string[] ListKey = ["created_at", "name"];

    public Task InsertAsync(Instance instance, string reason, CancellationToken cancellationToken)
    {
        StoreArguments.EnsureNew(instance);
        return database.WriteAsync((connection, ct) => InsertAsync(connection, instance, reason, ct), cancellationToken);
    }

    /// <summary>The intent's insert inside the caller's transaction (<see cref="SqliteStore.StorePlanAsync"/> joins it to routes).</summary>
    public static async Task<bool> InsertAsync(SqliteConnection connection, Instance instance, string reason, CancellationToken ct)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                INSERT INTO instances ({Columns})
                VALUES ($name, $pool, $provider, $state, $created_at, $state_changed_at, $provider_id, $forge_runner_id,
                        $job_id, $attempts, $last_reason, $last_error, $forge, $target_scope, $target_name, $stopped_tier, $started_at, $trace_parent)
                ON CONFLICT (name) DO NOTHING;
                """;
            var p = command.Parameters;
            p.Add("$name", instance.Name);
            p.Add("$pool", instance.Pool);
            p.Add("$provider", instance.Provider);
            p.Add("$state", instance.State.ToString());
            p.Add("$created_at", SqliteValues.ToUnixMs(instance.CreatedAt));
            p.Add("$state_changed_at", SqliteValues.ToUnixMs(instance.StateChangedAt));
            p.Add("$provider_id", instance.ProviderId);
            p.Add("$forge_runner_id", instance.ForgeRunnerId);
            p.Add("$job_id", instance.JobId);
            p.Add("$attempts", instance.Attempts);
            // Storing the intent is the first transition, so its reason is the latest one.
            p.Add("$last_reason", reason);
            p.Add("$last_error", instance.LastError);
            p.Add("$forge", instance.Forge);
            p.Add("$target_scope", instance.Target?.Scope.ToString());
            p.Add("$target_name", instance.Target?.Name);
            p.Add("$stopped_tier", instance.StoppedTier ? 1 : 0);
            p.Add("$started_at", instance.StartedAt is { } started ? SqliteValues.ToUnixMs(started) : null);
            p.Add("$trace_parent", instance.TraceParent);
            if (await command.ExecuteNonQueryAsync(ct) == 0)
            {
                throw new DuplicateInstanceException(instance.Name);
            }
        }

        await AppendHistoryAsync(connection, instance.Name, from: null, instance.State, instance.CreatedAt, reason, ct);
        return true;
    }

    public Task<Instance> TransitionAsync(
        string name, InstanceState to, string reason, DateTimeOffset now, InstanceChanges? changes, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            // The write lock is held from here to commit, so of two racing moves from one state the second reads the
            // first's result and is refused by the lifecycle table.
            var from = await ReadStateAsync(connection, name, ct) ?? throw NotFound(name);
            InstanceLifecycle.EnsureCanMove(name, from, to);
            var updated = await UpdateAsync(connection, name, (to, now, reason), changes ?? InstanceChanges.None, ct) ?? throw NotFound(name);
            if (to is InstanceState.Deleting or InstanceState.Deleted)
            {
                // Revoked with the move, so no call made after deletion began can pass with the instance's token.
                await using var revoke = connection.CreateCommand();
                revoke.CommandText = "DELETE FROM instance_tokens WHERE instance = $name;";
                revoke.Parameters.Add("$name", name);
                await revoke.ExecuteNonQueryAsync(ct);
            }
            else if (changes?.Token is { } token)
            {
                await SqliteInstanceTokens.SetAsync(connection, token, ct);
            }

            await AppendHistoryAsync(connection, name, from, to, now, reason, ct);
            return updated;
        }, cancellationToken);

    public Task AppendNoteAsync(string name, string note, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            var state = await ReadStateAsync(connection, name, ct) ?? throw NotFound(name);
            await AppendHistoryAsync(connection, name, state, state, now, note, ct);
            return true;
        }, cancellationToken);

    public Task<Instance> UpdateAsync(string name, InstanceChanges changes, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, ct) => await UpdateAsync(connection, name, move: null, changes, ct) ?? throw NotFound(name),
            cancellationToken);

    public Task<Instance?> GetAsync(string name, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM instances WHERE name = $name;";
            command.Parameters.Add("$name", name);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? Map(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<Instance>> ListAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        if (query.Limit == 0)
        {
            return Task.FromResult<IReadOnlyList<Instance>>([]);
        }

        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            var list = new SqliteListCommand(command, $"SELECT {Columns} FROM instances");
            ListFilters.Apply(list, query);
            list.Page(ListKey, query.Order, query.After is { } after ? [SqliteValues.ToUnixMs(after.CreatedAt), after.Name] : null, query.Limit);
            return await list.ReadAsync(Map, ct);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<InstanceTransition>> GetHistoryAsync(string name, int limit, CancellationToken cancellationToken) =>
        [.. (await ListHistoryAsync(new HistoryQuery { Instance = name, Limit = limit }, cancellationToken)).Select(e => e.Transition)];

    public Task<IReadOnlyList<HistoryEntry>> ListHistoryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            // The row id, not the time, orders the history: two moves may share a millisecond.
            var list = new SqliteListCommand(command, "SELECT id, instance, from_state, to_state, at, reason FROM instance_transitions");
            list.Where("instance = $name", "$name", query.Instance);
            list.Page(["id"], ListOrder.NewestFirst, query.Before is { } before ? [before] : null, query.Limit);
            return await list.ReadAsync(
                r => new HistoryEntry(
                    r.GetInt64(0),
                    new InstanceTransition(
                        r.GetString(1),
                        r.IsDBNull(2) ? null : Enum.Parse<InstanceState>(r.GetString(2)),
                        Enum.Parse<InstanceState>(r.GetString(3)),
                        r.GetTime(4),
                        r.GetString(5))),
                ct);
        }, cancellationToken);
    }

    internal static async Task<InstanceState?> ReadStateAsync(SqliteConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM instances WHERE name = $name;";
        command.Parameters.Add("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is string state ? Enum.Parse<InstanceState>(state) : null;
    }

    /// <summary>Applies <paramref name="changes"/> (and the move, if any) and returns the stored result, or null when absent.</summary>
    private static async Task<Instance?> UpdateAsync(
        SqliteConnection connection,
        string name,
        (InstanceState To, DateTimeOffset At, string Reason)? move,
        InstanceChanges changes,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE instances SET
                state = coalesce($state, state),
                state_changed_at = coalesce($at, state_changed_at),
                last_reason = coalesce($reason, last_reason),
                provider_id = coalesce($provider_id, provider_id),
                forge_runner_id = coalesce($forge_runner_id, forge_runner_id),
                job_id = coalesce($job_id, job_id),
                last_error = coalesce($last_error, last_error),
                attempts = attempts + $increment,
                started_at = coalesce($started_at, started_at)
            WHERE name = $name
            RETURNING {Columns};
            """;
        var p = command.Parameters;
        p.Add("$name", name);
        p.Add("$state", move?.To.ToString());
        p.Add("$at", move is { } m ? SqliteValues.ToUnixMs(m.At) : null);
        p.Add("$reason", move?.Reason);
        p.Add("$provider_id", changes.ProviderId);
        p.Add("$forge_runner_id", changes.ForgeRunnerId);
        p.Add("$job_id", changes.JobId);
        p.Add("$last_error", changes.LastError);
        p.Add("$increment", changes.IncrementAttempts ? 1 : 0);
        p.Add("$started_at", changes.StartedAt is { } started ? SqliteValues.ToUnixMs(started) : null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Map(reader) : null;
    }

    internal static async Task AppendHistoryAsync(
        SqliteConnection connection, string name, InstanceState? from, InstanceState to, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO instance_transitions (instance, from_state, to_state, at, reason) VALUES ($name, $from, $to, $at, $reason);
            """;
        command.Parameters.Add("$name", name);
        command.Parameters.Add("$from", from?.ToString());
        command.Parameters.Add("$to", to.ToString());
        command.Parameters.Add("$at", SqliteValues.ToUnixMs(at));
        command.Parameters.Add("$reason", reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static KeyNotFoundException NotFound(string name) => new($"instance {name} not found");

    internal static Instance Map(SqliteDataReader r) => new()
    {
        Name = r.GetString(0),
        Pool = r.GetString(1),
        Provider = r.GetString(2),
        State = Enum.Parse<InstanceState>(r.GetString(3)),
        CreatedAt = r.GetTime(4),
        StateChangedAt = r.GetTime(5),
        ProviderId = r.GetStringOrNull(6),
        ForgeRunnerId = r.GetInt64OrNull(7),
        JobId = r.GetInt64OrNull(8),
        Attempts = r.GetInt32(9),
        LastReason = r.GetStringOrNull(10),
        LastError = r.GetStringOrNull(11),
        Forge = r.GetStringOrNull(12),
        Target = r.IsDBNull(13) ? null : new ForgeTarget(Enum.Parse<TargetScope>(r.GetString(13)), r.GetString(14)),
        StoppedTier = r.GetInt64(15) != 0,
        StartedAt = r.GetTimeOrNull(16),
        TraceParent = r.GetStringOrNull(17),
    };
}
