using Hangar.Core.Leases;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>
/// <see cref="ILeaseStore"/> on the <c>leases</c> table, with PostgreSQL's rules (<see cref="ILeaseStore"/>), so the
/// contract suite and the lease manager's own tests run on an embedded file. A SQLite installation itself never takes
/// leases: it has one replica, which owns everything.
/// </summary>
internal sealed class SqliteLeases(SqliteDatabase database)
{
    private const string Columns = "name, holder, epoch, expires_at, acquired_at, handoffs";

    public Task<IReadOnlyList<Lease>> AcquireAsync(IReadOnlyCollection<string> names, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var sorted = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return database.WriteUnfencedAsync(async (connection, ct) =>
        {
            var leases = new List<Lease>(sorted.Length);
            foreach (var name in sorted)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    INSERT INTO leases AS l ({Columns}) VALUES ($name, $holder, 1, $expires, $now, 0)
                    ON CONFLICT (name) DO UPDATE SET
                        epoch = CASE WHEN l.holder = excluded.holder AND l.expires_at > $now THEN l.epoch ELSE l.epoch + 1 END,
                        acquired_at = CASE WHEN l.holder = excluded.holder AND l.expires_at > $now THEN l.acquired_at ELSE $now END,
                        handoffs = CASE WHEN l.holder = excluded.holder THEN l.handoffs ELSE l.handoffs + 1 END,
                        holder = excluded.holder,
                        expires_at = excluded.expires_at
                    WHERE l.holder = excluded.holder OR l.expires_at <= $now;
                    SELECT {Columns} FROM leases WHERE name = $name;
                    """;
                command.Parameters.Add("$name", name);
                command.Parameters.Add("$holder", holder);
                command.Parameters.Add("$expires", SqliteValues.ToUnixMs(now + duration));
                command.Parameters.Add("$now", SqliteValues.ToUnixMs(now));
                await using var reader = await command.ExecuteReaderAsync(ct);
                leases.AddRange(await ReadAsync(reader, ct));
            }

            return (IReadOnlyList<Lease>)leases;
        }, cancellationToken);
    }

    public Task ReleaseAsync(IReadOnlyCollection<string> names, string holder, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteUnfencedAsync(async (connection, ct) =>
        {
            var released = 0;
            foreach (var name in names)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE leases SET expires_at = $now WHERE name = $name AND holder = $holder AND expires_at > $now;";
                command.Parameters.Add("$name", name);
                command.Parameters.Add("$holder", holder);
                command.Parameters.Add("$now", SqliteValues.ToUnixMs(now));
                released += await command.ExecuteNonQueryAsync(ct);
            }

            return released;
        }, cancellationToken);

    public Task<IReadOnlyList<Lease>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM leases ORDER BY name;";
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await ReadAsync(reader, ct);
        }, cancellationToken);

    /// <summary>Inside a fenced write's transaction: the lease must still have the fence's holder and epoch. The write
    /// lock SQLite's transaction holds keeps it so until the commit.</summary>
    public static async Task CheckAsync(SqliteConnection connection, LeaseFence fence, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM leases WHERE name = $name AND holder = $holder AND epoch = $epoch;";
        command.Parameters.Add("$name", fence.Lease);
        command.Parameters.Add("$holder", fence.Holder);
        command.Parameters.Add("$epoch", fence.Epoch);
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            throw new StaleLeaseException(fence);
        }
    }

    private static async Task<IReadOnlyList<Lease>> ReadAsync(SqliteDataReader reader, CancellationToken ct)
    {
        var leases = new List<Lease>();
        while (await reader.ReadAsync(ct))
        {
            leases.Add(new Lease(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetTime(3), reader.GetTime(4), reader.GetInt64(5)));
        }

        return leases;
    }
}
