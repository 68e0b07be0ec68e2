using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Process;

/// <summary>Reads and writes a runner directory's <c>instance.json</c>.</summary>
internal sealed class ProcessRecords(string provider, ILogger logger)
{
    public const string FileName = "instance.json";

    public static bool Exists(string dir) => File.Exists(Path.Combine(dir, FileName));

    /// <summary>The record, or null when there is none or it cannot be read (logged).</summary>
    public ProcessRecord? Read(string dir)
    {
        var path = Path.Combine(dir, FileName);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, ProcessRecordJsonContext.Default.ProcessRecord);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            ProcessProviderLog.UnreadableRecord(logger, provider, path, e);
            return null;
        }
    }

    /// <summary>A reader never sees a half-written record: the rename replaces it whole. Hangar's alone to read.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static void Write(string dir, ProcessRecord record)
    {
        var temp = Path.Combine(dir, $".{FileName}.{Guid.NewGuid():N}.tmp");
        using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(stream, record, ProcessRecordJsonContext.Default.ProcessRecord);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path.Combine(dir, FileName), overwrite: true);
    }
}
