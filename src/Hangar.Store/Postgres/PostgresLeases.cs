using Hangar.Core.Leases;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// <see cref="ILeaseStore"/> on the <c>leases</c> table: one upsert takes or renews every named lease in one round trip,
/// in name order (so two replicas asking for the same names lock them in the same order and never deadlock). These
/// writes are never fenced themselves: they are how fences are made.
/// </summary>
internal sealed class PostgresLeases(PostgresDatabase database)
{
    private const string Columns = "name, holder, epoch, expires_at, acquired_at, handoffs";

    public Task<IReadOnlyList<Lease>> AcquireAsync(IReadOnlyCollection<string> names, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        return database.WriteUnfencedAsync(async (connection, ct) =>
        {
            await using var batch = new NpgsqlBatch(connection);
            var upsert = new NpgsqlBatchCommand($"""
                INSERT INTO leases AS l ({Columns})
                SELECT n, $2, 1, $3, $4, 0 FROM unnest($1::text[]) AS n ORDER BY n
                ON CONFLICT (name) DO UPDATE SET
                    epoch = CASE WHEN l.holder = excluded.holder AND l.expires_at > $4 THEN l.epoch ELSE l.epoch + 1 END,
                    acquired_at = CASE WHEN l.holder = excluded.holder AND l.expires_at > $4 THEN l.acquired_at ELSE $4 END,
                    handoffs = CASE WHEN l.holder = excluded.holder THEN l.handoffs ELSE l.handoffs + 1 END,
                    holder = excluded.holder,
                    expires_at = excluded.expires_at
                WHERE l.holder = excluded.holder OR l.expires_at <= $4;
                """);
            upsert.Parameters.Bind(names.ToArray());
            upsert.Parameters.Bind(holder);
            upsert.Parameters.Bind(PostgresValues.ToStored(now + duration));
            upsert.Parameters.Bind(PostgresValues.ToStored(now));
            var select = new NpgsqlBatchCommand($"SELECT {Columns} FROM leases WHERE name = ANY($1) ORDER BY name;");
            select.Parameters.Bind(names.ToArray());
            batch.BatchCommands.Add(upsert);
            batch.BatchCommands.Add(select);
            // The upsert returns no rows: the reader starts on the SELECT's.
            await using var reader = await batch.ExecuteReaderAsync(ct);
            return await ReadAsync(reader, ct);
        }, cancellationToken);
    }

    public Task ReleaseAsync(IReadOnlyCollection<string> names, string holder, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteUnfencedAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("UPDATE leases SET expires_at = $3 WHERE name = ANY($1) AND holder = $2 AND expires_at > $3;", connection);
            command.Parameters.Bind(names.ToArray());
            command.Parameters.Bind(holder);
            command.Parameters.Bind(PostgresValues.ToStored(now));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public Task<IReadOnlyList<Lease>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM leases ORDER BY name;", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await ReadAsync(reader, ct);
        }, cancellationToken);

    /// <summary>
    /// Inside a fenced write's transaction: the lease must still have the fence's holder and epoch. <c>FOR SHARE</c> keeps
    /// it so until the write commits: a take-over's update waits for the write, and then the write is history.
    /// </summary>
    public static async Task CheckAsync(NpgsqlConnection connection, LeaseFence fence, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM leases WHERE name = $1 AND holder = $2 AND epoch = $3 FOR SHARE;", connection);
        command.Parameters.Bind(fence.Lease);
        command.Parameters.Bind(fence.Holder);
        command.Parameters.Bind(fence.Epoch);
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            throw new StaleLeaseException(fence);
        }
    }

    private static async Task<IReadOnlyList<Lease>> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var leases = new List<Lease>();
        while (await reader.ReadAsync(ct))
        {
            leases.Add(new Lease(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetTime(3), reader.GetTime(4), reader.GetInt64(5)));
        }

        return leases;
    }
}
