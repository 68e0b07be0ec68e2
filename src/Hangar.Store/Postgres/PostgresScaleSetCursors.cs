using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>Scale-set listener cursors (migration 0014); a cursor of the same scale set never moves back.</summary>
internal sealed class PostgresScaleSetCursors(PostgresDatabase database)
{
    private const string Columns = "forge, pool, scale_set_id, last_message_id, assigned_jobs, updated_at";

    public Task<ScaleSetCursor?> GetAsync(string forge, string pool, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM scale_set_cursors WHERE forge = {command.Parameters.Bind(forge)} AND pool = {command.Parameters.Bind(pool)};";
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? Read(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<ScaleSetCursor>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ScaleSetCursor>>(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM scale_set_cursors ORDER BY forge, pool;";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var cursors = new List<ScaleSetCursor>();
            while (await reader.ReadAsync(ct))
            {
                cursors.Add(Read(reader));
            }

            return cursors;
        }, cancellationToken);

    public Task SaveAsync(ScaleSetCursor cursor, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            var p = command.Parameters;
            command.CommandText = $"""
                INSERT INTO scale_set_cursors ({Columns})
                VALUES ({p.Bind(cursor.Forge)}, {p.Bind(cursor.Pool)}, {p.Bind(cursor.ScaleSetId)}, {p.Bind(cursor.LastMessageId)},
                        {p.Bind(cursor.AssignedJobs)}, {p.Bind(PostgresValues.ToStored(cursor.UpdatedAt))})
                ON CONFLICT (forge, pool) DO UPDATE SET
                    scale_set_id = excluded.scale_set_id, last_message_id = excluded.last_message_id,
                    assigned_jobs = excluded.assigned_jobs, updated_at = excluded.updated_at
                WHERE excluded.scale_set_id <> scale_set_cursors.scale_set_id OR excluded.last_message_id >= scale_set_cursors.last_message_id;
                """;
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    private static ScaleSetCursor Read(NpgsqlDataReader reader) => new()
    {
        Forge = reader.GetString(0),
        Pool = reader.GetString(1),
        ScaleSetId = reader.GetInt64(2),
        LastMessageId = reader.GetInt64(3),
        AssignedJobs = reader.GetInt32(4),
        UpdatedAt = reader.GetTime(5),
    };
}
