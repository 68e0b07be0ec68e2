using System.Data.Common;
using Hangar.Core.Access;

namespace Hangar.Store;

/// <summary>The columns of <c>api_tokens</c> in the order both stores select them, and a row read back into a token.</summary>
internal static class ApiTokenRows
{
    public const string Columns = "id, name, scope, secret_hash, created_at, expires_at, last_used_at, revoked_at";

    /// <param name="time">Reads a time column (each store stores time its own way).</param>
    public static ApiToken Read(DbDataReader reader, Func<int, DateTimeOffset?> time) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        Scope = ApiScopes.TryParse(reader.GetString(2), out var scope)
            ? scope
            : throw new InvalidDataException($"API token {reader.GetString(0)} has an unknown scope '{reader.GetString(2)}'"),
        SecretHash = reader.GetFieldValue<byte[]>(3),
        CreatedAt = time(4)!.Value,
        ExpiresAt = time(5),
        LastUsedAt = time(6),
        RevokedAt = time(7),
    };
}
