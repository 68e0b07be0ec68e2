using Hangar.Core.Access;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>API tokens (migration 0012). Each call is one statement; revocation is one UPDATE, so a revoke seen by any
/// replica is seen by every later read on all of them.</summary>
internal sealed class PostgresApiTokens(PostgresDatabase database)
{
    private const string UniqueViolation = "23505";

    public Task InsertAsync(ApiToken token, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand { Connection = connection };
            var p = command.Parameters;
            command.CommandText = $"""
                INSERT INTO api_tokens ({ApiTokenRows.Columns})
                VALUES ({p.Bind(token.Id)}, {p.Bind(token.Name)}, {p.Bind(ApiScopes.Name(token.Scope))}, {p.Bind(token.SecretHash)},
                        {p.Bind(PostgresValues.ToStored(token.CreatedAt))}, {p.Bind(PostgresValues.ToStored(token.ExpiresAt))},
                        {p.Bind(PostgresValues.ToStored(token.LastUsedAt))}, {p.Bind(PostgresValues.ToStored(token.RevokedAt))});
                """;
            try
            {
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
            {
                throw new DuplicateApiTokenException(token.Id);
            }

            return 0;
        }, cancellationToken);

    public async Task<ApiToken?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync(p => $"WHERE id = {p.Bind(id)}", cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<ApiToken>> ListAsync(ApiTokenQuery query, CancellationToken cancellationToken) =>
        ListAsync(p =>
        {
            var where = new List<string>();
            if (!query.IncludeRevoked)
            {
                where.Add("revoked_at IS NULL");
            }

            if (query.After is { } after)
            {
                where.Add($"(created_at, id) > ({p.Bind(PostgresValues.ToStored(after.CreatedAt))}, {p.Bind(after.Id)})");
            }

            return (where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where)) + " ORDER BY created_at, id"
                + (query.Limit is { } limit ? $" LIMIT {p.Bind(limit)}" : "");
        }, cancellationToken);

    public Task<bool> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand { Connection = connection };
            var p = command.Parameters;
            command.CommandText = $"UPDATE api_tokens SET revoked_at = coalesce(revoked_at, {p.Bind(PostgresValues.ToStored(now))}) WHERE id = {p.Bind(id)};";
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }, cancellationToken);

    public Task TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand { Connection = connection };
            var p = command.Parameters;
            var used = p.Bind(PostgresValues.ToStored(usedAt));
            command.CommandText = $"UPDATE api_tokens SET last_used_at = greatest(last_used_at, {used}) WHERE id = {p.Bind(id)};";
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    private Task<IReadOnlyList<ApiToken>> ListAsync(Func<NpgsqlParameterCollection, string> clauses, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiToken>>(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand { Connection = connection };
            command.CommandText = $"SELECT {ApiTokenRows.Columns} FROM api_tokens {clauses(command.Parameters)};";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var tokens = new List<ApiToken>();
            while (await reader.ReadAsync(ct))
            {
                tokens.Add(ApiTokenRows.Read(reader, reader.GetTimeOrNull));
            }

            return tokens;
        }, cancellationToken);
}
