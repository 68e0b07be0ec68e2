using Hangar.Core.Instances;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>Instances' boot logs: a bounded tail of numbered lines per instance (<c>instance_boot_logs</c>).</summary>
internal sealed class PostgresBootLogs(PostgresDatabase database)
{
    public Task AppendAsync(string instance, IReadOnlyList<BootLogLine> lines, int keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        if (lines.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Only the newest `keep` of this batch can survive the trim: the others are numbered (a reader sees the gap) but
        // not written.
        var skipped = Math.Max(0, lines.Count - keep);
        var kept = lines.Skip(skipped).ToList();
        return database.WriteAsync(async (connection, ct) =>
        {
            // The instance's row is locked (FOR UPDATE): two writers for one instance (an agent that reconnected to
            // another replica) number their lines one after the other. A gone instance writes nothing.
            await using var last = new NpgsqlCommand(
                """
                SELECT (SELECT MAX(seq) FROM instance_boot_logs WHERE instance = i.name) FROM instances i WHERE i.name = $1 FOR UPDATE;
                """,
                connection);
            last.Parameters.Bind(instance);
            var found = await last.ExecuteScalarAsync(ct);
            if (found is null)
            {
                return false;
            }

            var seq = (found is DBNull ? 0L : (long)found) + skipped;
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO instance_boot_logs (instance, seq, at, stream, line)
                SELECT $1, $2 + n, at, stream, line FROM unnest($3::timestamptz[], $4::smallint[], $5::text[]) WITH ORDINALITY AS t(at, stream, line, n);
                """,
                connection);
            var p = insert.Parameters;
            p.Bind(instance);
            p.Bind(seq);
            p.Bind(kept.Select(l => PostgresValues.ToStored(l.At)).ToArray());
            p.Bind(kept.Select(l => (short)l.Stream).ToArray());
            p.Bind(kept.Select(l => BootLogLine.Cut(l.Line)).ToArray());
            await insert.ExecuteNonQueryAsync(ct);

            await using var trim = new NpgsqlCommand("DELETE FROM instance_boot_logs WHERE instance = $1 AND seq <= $2;", connection);
            trim.Parameters.Bind(instance);
            trim.Parameters.Bind(seq + kept.Count - keep);
            await trim.ExecuteNonQueryAsync(ct);
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<BootLogLine>> ListAsync(string instance, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return database.ReadAsync<IReadOnlyList<BootLogLine>>(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT seq, at, stream, line FROM instance_boot_logs WHERE instance = $1 AND seq > $2 ORDER BY seq DESC LIMIT $3;", connection);
            command.Parameters.Bind(instance);
            command.Parameters.Bind(afterSeq);
            command.Parameters.Bind(limit);
            var lines = new List<BootLogLine>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                lines.Add(new BootLogLine(reader.GetInt64(0), reader.GetTime(1), (BootLogStream)reader.GetInt16(2), reader.GetString(3)));
            }

            lines.Reverse();
            return lines;
        }, cancellationToken);
    }
}
