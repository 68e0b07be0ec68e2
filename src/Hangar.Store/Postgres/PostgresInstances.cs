using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Store.Lists;
using Npgsql;

namespace Hangar.Store.Postgres;

internal sealed class PostgresInstances(PostgresDatabase database)
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

    /// <summary>The intent's insert inside the caller's transaction (<see cref="PostgresStore.StorePlanAsync"/> joins it to routes).</summary>
    public static async Task<bool> InsertAsync(NpgsqlConnection connection, Instance instance, string reason, CancellationToken ct)
    {
        await using (var command = new NpgsqlCommand(
            $"""
            INSERT INTO instances ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            ON CONFLICT (name) DO NOTHING;
            """,
            connection))
        {
            var p = command.Parameters;
            p.Bind(instance.Name);
            p.Bind(instance.Pool);
            p.Bind(instance.Provider);
            p.Bind(instance.State.ToString());
            p.Bind(PostgresValues.ToStored(instance.CreatedAt));
            p.Bind(PostgresValues.ToStored(instance.StateChangedAt));
            p.Bind(instance.ProviderId);
            p.Bind(instance.ForgeRunnerId);
            p.Bind(instance.JobId);
            p.Bind(instance.Attempts);
            // Storing the intent is the first transition, so its reason is the latest one.
            p.Bind(reason);
            p.Bind(instance.LastError);
            p.Bind(instance.Forge);
            p.Bind(instance.Target?.Scope.ToString());
            p.Bind(instance.Target?.Name);
            p.Bind(instance.StoppedTier);
            p.Bind(instance.StartedAt is { } started ? PostgresValues.ToStored(started) : (DateTimeOffset?)null);
            p.Bind(instance.TraceParent);
            if (await command.ExecuteNonQueryAsync(ct) == 0)
            {
                throw new DuplicateInstanceException(instance.Name);
            }
        }

        await AppendHistoryAsync(connection, instance.Name, from: null, instance.State, instance.CreatedAt, reason, ct);
        await PostgresChanges.NotifyInstanceAsync(connection, instance.Pool, instance.Name, ct);
        return true;
    }

    public Task<Instance> TransitionAsync(
        string name, InstanceState to, string reason, DateTimeOffset now, InstanceChanges? changes, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            // The row stays locked from this read to the commit, so of two racing moves from one state the second
            // reads the first's result and is refused by the lifecycle table.
            var from = await ReadStateForUpdateAsync(connection, name, ct) ?? throw NotFound(name);
            InstanceLifecycle.EnsureCanMove(name, from, to);
            var updated = await UpdateAsync(connection, name, (to, now, reason), changes ?? InstanceChanges.None, ct) ?? throw NotFound(name);
            if (to is InstanceState.Deleting or InstanceState.Deleted)
            {
                // Revoked with the move, so no call made after deletion began can pass with the instance's token.
                await using var revoke = new NpgsqlCommand("DELETE FROM instance_tokens WHERE instance = $1;", connection);
                revoke.Parameters.Bind(name);
                await revoke.ExecuteNonQueryAsync(ct);
            }
            else if (changes?.Token is { } token)
            {
                await PostgresInstanceTokens.SetAsync(connection, token, ct);
            }

            await AppendHistoryAsync(connection, name, from, to, now, reason, ct);
            await PostgresChanges.NotifyInstanceAsync(connection, updated.Pool, name, ct);
            return updated;
        }, cancellationToken);

    public Task AppendNoteAsync(string name, string note, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            var state = await ReadStateForUpdateAsync(connection, name, ct) ?? throw NotFound(name);
            await AppendHistoryAsync(connection, name, state, state, now, note, ct);
            return true;
        }, cancellationToken);

    public Task<Instance> UpdateAsync(string name, InstanceChanges changes, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            var updated = await UpdateAsync(connection, name, move: null, changes, ct) ?? throw NotFound(name);
            await PostgresChanges.NotifyInstanceAsync(connection, updated.Pool, name, ct);
            return updated;
        }, cancellationToken);

    public Task<Instance?> GetAsync(string name, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM instances WHERE name = $1;", connection);
            command.Parameters.Bind(name);
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
            await using var command = new NpgsqlCommand { Connection = connection };
            var list = new PostgresListCommand(command, $"SELECT {Columns} FROM instances");
            ListFilters.Apply(list, query);
            list.Page(ListKey, query.Order, query.After is { } after ? p => [p.Bind(PostgresValues.ToStored(after.CreatedAt)), p.Bind(after.Name)] : null, query.Limit);
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
            await using var command = new NpgsqlCommand { Connection = connection };
            // The row id, not the time, orders the history: two moves may share a millisecond.
            var list = new PostgresListCommand(command, "SELECT id, instance, from_state, to_state, at, reason FROM instance_transitions");
            list.Where("instance = {0}", query.Instance);
            list.Page(["id"], ListOrder.NewestFirst, query.Before is { } before ? p => [p.Bind(before)] : null, query.Limit);
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

    internal static async Task<InstanceState?> ReadStateForUpdateAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT state FROM instances WHERE name = $1 FOR UPDATE;", connection);
        command.Parameters.Bind(name);
        return await command.ExecuteScalarAsync(cancellationToken) is string state ? Enum.Parse<InstanceState>(state) : null;
    }

    /// <summary>Applies <paramref name="changes"/> (and the move, if any) and returns the stored result, or null when absent.</summary>
    private static async Task<Instance?> UpdateAsync(
        NpgsqlConnection connection,
        string name,
        (InstanceState To, DateTimeOffset At, string Reason)? move,
        InstanceChanges changes,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE instances SET
                state = coalesce($2, state),
                state_changed_at = coalesce($3, state_changed_at),
                last_reason = coalesce($4, last_reason),
                provider_id = coalesce($5, provider_id),
                forge_runner_id = coalesce($6, forge_runner_id),
                job_id = coalesce($7, job_id),
                last_error = coalesce($8, last_error),
                attempts = attempts + $9,
                started_at = coalesce($10, started_at)
            WHERE name = $1
            RETURNING {Columns};
            """,
            connection);
        var p = command.Parameters;
        p.Bind(name);
        p.Bind(move?.To.ToString());
        p.Bind(move is { } m ? PostgresValues.ToStored(m.At) : (DateTimeOffset?)null);
        p.Bind(move?.Reason);
        p.Bind(changes.ProviderId);
        p.Bind(changes.ForgeRunnerId);
        p.Bind(changes.JobId);
        p.Bind(changes.LastError);
        p.Bind(changes.IncrementAttempts ? 1 : 0);
        p.Bind(changes.StartedAt is { } started ? PostgresValues.ToStored(started) : (DateTimeOffset?)null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Map(reader) : null;
    }

    internal static async Task AppendHistoryAsync(
        NpgsqlConnection connection, string name, InstanceState? from, InstanceState to, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO instance_transitions (instance, from_state, to_state, at, reason) VALUES ($1, $2, $3, $4, $5);", connection);
        command.Parameters.Bind(name);
        command.Parameters.Bind(from?.ToString());
        command.Parameters.Bind(to.ToString());
        command.Parameters.Bind(PostgresValues.ToStored(at));
        command.Parameters.Bind(reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static KeyNotFoundException NotFound(string name) => new($"instance {name} not found");

    internal static Instance Map(NpgsqlDataReader r) => new()
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
        StoppedTier = r.GetBoolean(15),
        StartedAt = r.GetTimeOrNull(16),
        TraceParent = r.GetStringOrNull(17),
    };
}
