using Hangar.Core.Access;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>API tokens (migration 0012). Each call is one statement.</summary>
internal sealed class SqliteApiTokens(SqliteDatabase database)
{
    public Task InsertAsync(ApiToken token, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO api_tokens ({ApiTokenRows.Columns})
                VALUES ($id, $name, $scope, $hash, $created, $expires, $used, $revoked);
                """;
            command.Parameters.Add("$id", token.Id);
            command.Parameters.Add("$name", token.Name);
            command.Parameters.Add("$scope", ApiScopes.Name(token.Scope));
            command.Parameters.Add("$hash", token.SecretHash);
            command.Parameters.Add("$created", SqliteValues.ToUnixMs(token.CreatedAt));
            command.Parameters.Add("$expires", Ms(token.ExpiresAt));
            command.Parameters.Add("$used", Ms(token.LastUsedAt));
            command.Parameters.Add("$revoked", Ms(token.RevokedAt));
            try
            {
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                throw new DuplicateApiTokenException(token.Id);
            }

            return 0;
        }, cancellationToken);

    public async Task<ApiToken?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync("WHERE id = $id", p => p.Add("$id", id), cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<ApiToken>> ListAsync(ApiTokenQuery query, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        if (!query.IncludeRevoked)
        {
            where.Add("revoked_at IS NULL");
        }

        if (query.After is not null)
        {
            where.Add("(created_at, id) > ($after_at, $after_id)");
        }

        var sql = (where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where)) + " ORDER BY created_at, id"
            + (query.Limit is null ? "" : " LIMIT $limit");
        return ListAsync(sql, p =>
        {
            if (query.After is { } after)
            {
                p.Add("$after_at", SqliteValues.ToUnixMs(after.CreatedAt));
                p.Add("$after_id", after.Id);
            }

            p.Add("$limit", query.Limit);
        }, cancellationToken);
    }

    public Task<bool> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $now) WHERE id = $id;";
            command.Parameters.Add("$id", id);
            command.Parameters.Add("$now", SqliteValues.ToUnixMs(now));
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }, cancellationToken);

    public Task TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE api_tokens SET last_used_at = max(coalesce(last_used_at, 0), $used) WHERE id = $id;";
            command.Parameters.Add("$id", id);
            command.Parameters.Add("$used", SqliteValues.ToUnixMs(usedAt));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    private Task<IReadOnlyList<ApiToken>> ListAsync(string clauses, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiToken>>(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {ApiTokenRows.Columns} FROM api_tokens {clauses};";
            bind(command.Parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var tokens = new List<ApiToken>();
            while (await reader.ReadAsync(ct))
            {
                tokens.Add(ApiTokenRows.Read(reader, reader.GetTimeOrNull));
            }

            return tokens;
        }, cancellationToken);

    private static long? Ms(DateTimeOffset? value) => value is { } v ? SqliteValues.ToUnixMs(v) : null;
}
