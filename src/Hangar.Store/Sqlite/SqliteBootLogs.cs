using Hangar.Core.Instances;

namespace Hangar.Store.Sqlite;

/// <summary>Instances' boot logs: a bounded tail of numbered lines per instance (<c>instance_boot_logs</c>).</summary>
internal sealed class SqliteBootLogs(SqliteDatabase database)
{
    public Task AppendAsync(string instance, IReadOnlyList<BootLogLine> lines, int keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        if (lines.Count == 0)
        {
            return Task.CompletedTask;
        }

        return database.WriteAsync(async (connection, ct) =>
        {
            await using var last = connection.CreateCommand();
            last.CommandText = "SELECT (SELECT 1 FROM instances WHERE name = $name), (SELECT MAX(seq) FROM instance_boot_logs WHERE instance = $name);";
            last.Parameters.Add("$name", instance);
            long seq;
            await using (var reader = await last.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                if (reader.IsDBNull(0))
                {
                    // The instance is gone (pruned): its lines have nowhere to go.
                    return false;
                }

                seq = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            }

            // Only the newest `keep` of this batch can survive the trim below: the others are numbered (a reader sees the
            // gap) but not written.
            var skipped = Math.Max(0, lines.Count - keep);
            seq += skipped;
            foreach (var line in lines.Skip(skipped))
            {
                seq = seq + 1;
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO instance_boot_logs (instance, seq, at, stream, line) VALUES ($name, $seq, $at, $stream, $line);";
                var p = insert.Parameters;
                p.Add("$name", instance);
                p.Add("$seq", seq);
                p.Add("$at", SqliteValues.ToUnixMs(line.At));
                p.Add("$stream", (int)line.Stream);
                p.Add("$line", BootLogLine.Cut(line.Line));
                await insert.ExecuteNonQueryAsync(ct);
            }

            await using var trim = connection.CreateCommand();
            trim.CommandText = "DELETE FROM instance_boot_logs WHERE instance = $name AND seq <= $below;";
            trim.Parameters.Add("$name", instance);
            trim.Parameters.Add("$below", seq - keep);
            await trim.ExecuteNonQueryAsync(ct);
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<BootLogLine>> ListAsync(string instance, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return database.ReadAsync<IReadOnlyList<BootLogLine>>(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT seq, at, stream, line FROM instance_boot_logs
                WHERE instance = $name AND seq > $after ORDER BY seq DESC LIMIT $limit;
                """;
            command.Parameters.Add("$name", instance);
            command.Parameters.Add("$after", afterSeq);
            command.Parameters.Add("$limit", limit);
            var lines = new List<BootLogLine>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                lines.Add(new BootLogLine(reader.GetInt64(0), reader.GetTime(1), (BootLogStream)reader.GetInt32(2), reader.GetString(3)));
            }

            lines.Reverse();
            return lines;
        }, cancellationToken);
    }
}
