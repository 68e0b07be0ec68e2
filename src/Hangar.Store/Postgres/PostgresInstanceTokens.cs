using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>Instance tokens (hashes only), one per instance, kept only while the instance is neither deleting nor deleted.</summary>
internal sealed class PostgresInstanceTokens(PostgresDatabase database)
{
    public Task SetAsync(InstanceTokenRecord token, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, ct) => SetAsync(connection, token, ct), cancellationToken);

    /// <summary>Stores <paramref name="token"/> inside the caller's transaction (<see cref="PostgresInstances.TransitionAsync"/> joins it to a move).</summary>
    /// <exception cref="KeyNotFoundException">No such instance, or it is being deleted.</exception>
    public static async Task<bool> SetAsync(NpgsqlConnection connection, InstanceTokenRecord token, CancellationToken ct)
    {
        // The instance's row is locked (FOR SHARE) against a concurrent move to deleting, which removes tokens in its
        // own transaction: a token is never stored after that removal.
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO instance_tokens (instance, token_hash, issued_at, expires_at)
            SELECT name, $2, $3, $4 FROM instances WHERE name = $1 AND state NOT IN ($5, $6) FOR SHARE
            ON CONFLICT (instance) DO UPDATE SET token_hash = excluded.token_hash, issued_at = excluded.issued_at,
                expires_at = excluded.expires_at;
            """,
            connection);
        var p = command.Parameters;
        p.Bind(token.Instance);
        p.Bind(token.Hash);
        p.Bind(PostgresValues.ToStored(token.IssuedAt));
        p.Bind(PostgresValues.ToStored(token.ExpiresAt));
        p.Bind(nameof(InstanceState.Deleting));
        p.Bind(nameof(InstanceState.Deleted));
        if (await command.ExecuteNonQueryAsync(ct) == 0)
        {
            throw new KeyNotFoundException($"instance {token.Instance} not found, or being deleted");
        }

        return true;
    }

    public Task<InstanceTokenRecord?> GetAsync(string instance, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT instance, token_hash, issued_at, expires_at FROM instance_tokens WHERE instance = $1;", connection);
            command.Parameters.Bind(instance);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? new InstanceTokenRecord(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetTime(2), reader.GetTime(3))
                : null;
        }, cancellationToken);

    public Task RevokeAsync(string instance, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM instance_tokens WHERE instance = $1;", connection);
            command.Parameters.Bind(instance);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
}
