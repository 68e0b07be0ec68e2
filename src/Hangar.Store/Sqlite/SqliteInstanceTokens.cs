using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>Instance tokens (hashes only), one per instance, kept only while the instance is neither deleting nor deleted.</summary>
internal sealed class SqliteInstanceTokens(SqliteDatabase database)
{
    public Task SetAsync(InstanceTokenRecord token, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, ct) => SetAsync(connection, token, ct), cancellationToken);

    /// <summary>Stores <paramref name="token"/> inside the caller's write (<see cref="SqliteInstances.TransitionAsync"/> joins it to a move).</summary>
    /// <exception cref="KeyNotFoundException">No such instance, or it is being deleted.</exception>
    public static async Task<bool> SetAsync(SqliteConnection connection, InstanceTokenRecord token, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        // Checked in the write, under the write lock, so a token can never be stored after its instance's move to
        // deleting removed the old one.
        command.CommandText = """
            INSERT INTO instance_tokens (instance, token_hash, issued_at, expires_at)
            SELECT name, $hash, $issued, $expires FROM instances WHERE name = $name AND state NOT IN ($deleting, $deleted)
            ON CONFLICT (instance) DO UPDATE SET token_hash = excluded.token_hash, issued_at = excluded.issued_at,
                expires_at = excluded.expires_at;
            """;
        var p = command.Parameters;
        p.Add("$name", token.Instance);
        p.Add("$hash", token.Hash);
        p.Add("$issued", SqliteValues.ToUnixMs(token.IssuedAt));
        p.Add("$expires", SqliteValues.ToUnixMs(token.ExpiresAt));
        p.Add("$deleting", nameof(InstanceState.Deleting));
        p.Add("$deleted", nameof(InstanceState.Deleted));
        if (await command.ExecuteNonQueryAsync(ct) == 0)
        {
            throw new KeyNotFoundException($"instance {token.Instance} not found, or being deleted");
        }

        return true;
    }

    public Task<InstanceTokenRecord?> GetAsync(string instance, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT instance, token_hash, issued_at, expires_at FROM instance_tokens WHERE instance = $name;";
            command.Parameters.Add("$name", instance);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? new InstanceTokenRecord(reader.GetString(0), (byte[])reader.GetValue(1), reader.GetTime(2), reader.GetTime(3))
                : null;
        }, cancellationToken);

    public Task RevokeAsync(string instance, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM instance_tokens WHERE instance = $name;";
            command.Parameters.Add("$name", instance);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
}
