using System.Text.Json;

namespace Hangar.Cli.Traces;

/// <summary>Reads and writes traces, one JSON object a line.</summary>
internal static class TraceFile
{
    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<TraceRecord> records, CancellationToken ct)
    {
        await foreach (var record in records.WithCancellation(ct).ConfigureAwait(false))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(record, TraceJsonContext.Default.TraceRecord)).ConfigureAwait(false);
        }

        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    public static void Write(TextWriter writer, IEnumerable<TraceRecord> records)
    {
        foreach (var record in records)
        {
            writer.WriteLine(JsonSerializer.Serialize(record, TraceJsonContext.Default.TraceRecord));
        }

        writer.Flush();
    }

    /// <summary>Every record of the file; a line that is not a record is an error naming the file and line.</summary>
    /// <exception cref="InvalidDataException">A line is not a trace record.</exception>
    public static List<TraceRecord> Read(string path)
    {
        var records = new List<TraceRecord>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            TraceRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(line, TraceJsonContext.Default.TraceRecord);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{number}: not a trace record: {ex.Message}", ex);
            }

            if (record is null || record.Kind is not (TraceRecord.JobKind or TraceRecord.InstanceKind))
            {
                throw new InvalidDataException($"{path}:{number}: kind must be 'job' or 'instance'");
            }

            if (record.Kind == TraceRecord.JobKind && (record.Queued is null || record.RunTime is null))
            {
                throw new InvalidDataException($"{path}:{number}: a job needs 'queued' and either 'started' and 'completed' or 'duration'");
            }

            records.Add(record);
        }

        return records;
    }
}
