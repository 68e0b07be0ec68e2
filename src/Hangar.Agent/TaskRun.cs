using System.Diagnostics;
using System.Security.Cryptography;
using Google.Protobuf;
using Hangar.Agent.Protocol;
using Hangar.Agent.Protocol.V1;

namespace Hangar.Agent;

/// <summary>
/// One task: receives its input archive, extracts it into a fresh work directory, runs the command there, streams its
/// output line by line, and packs the files it changed (watcher events plus a final scan) for Hangar to fetch.
/// </summary>
internal sealed class TaskRun(StartTask start, string workRoot, MessageSender sender) : IDisposable
{
    private const int ChunkBytes = 256 * 1024;
    private readonly string dir = Path.Combine(workRoot, start.TaskId + "-work");
    private readonly string inputFile = Path.Combine(workRoot, start.TaskId + "-input.sz");
    private readonly string archiveFile = Path.Combine(workRoot, start.TaskId + "-output.sz");
    private readonly CancellationTokenSource cancel = new();
    private long logBytes;

    public string Id => start.TaskId;

    /// <summary>Appends one input chunk; true once the last one arrived.</summary>
    public async Task<bool> AcceptInputAsync(ArchiveChunk chunk, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workRoot);
        var file = new FileStream(inputFile, FileMode.Append, FileAccess.Write);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(chunk.Data.Memory, cancellationToken).ConfigureAwait(false);
        }

        return chunk.Last;
    }

    public void Launch(CancellationToken cancellationToken) => _ = RunAsync(cancellationToken);

    public void Cancel() => cancel.Cancel();

    public async Task SendArchiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        var file = File.OpenRead(archiveFile);
        await using (file.ConfigureAwait(false))
        {
            int read;
            do
            {
                read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                var last = file.Position == file.Length;
                await sender.SendAsync(new AgentMessage
                {
                    Archive = new ArchiveChunk { TaskId = Id, Data = ByteString.CopyFrom(buffer, 0, read), Last = last },
                }, cancellationToken).ConfigureAwait(false);
                if (last)
                {
                    break;
                }
            }
            while (read > 0);
        }
    }

    /// <summary>Removes the task's work directory and archives: the next task starts from a clean slate.</summary>
    public void Dispose()
    {
        cancel.Dispose();
        foreach (var file in new[] { inputFile, archiveFile })
        {
            File.Delete(file);
        }

        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        TaskResult result;
        try
        {
            result = await ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            result = new TaskResult { TaskId = Id, ExitCode = -1, Error = "agent: " + ex.Message };
        }

        await sender.SendAsync(new AgentMessage { Result = result }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TaskResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dir);
        if (File.Exists(inputFile))
        {
            var input = File.OpenRead(inputFile);
            await using (input.ConfigureAwait(false))
            {
                await TaskArchive.ExtractAsync(input, dir, start.MaxArchiveBytes, cancellationToken).ConfigureAwait(false);
            }
        }

        var before = FileSnapshot.Take(dir);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        using var watcher = Watch(touched);
        var (exitCode, error) = await RunProcessAsync(cancellationToken).ConfigureAwait(false);
        var after = FileSnapshot.Take(dir);

        lock (touched)
        {
            touched.UnionWith(after.Where(f => !before.TryGetValue(f.Key, out var old) || old != f.Value).Select(f => f.Key));
        }

        var changed = touched.Where(after.ContainsKey).ToList();
        var deleted = before.Keys.Where(p => !after.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var archive = new FileStream(archiveFile, FileMode.Create, FileAccess.ReadWrite);
        await using (archive.ConfigureAwait(false))
        {
            try
            {
                await TaskArchive.PackAsync(dir, changed, archive, start.MaxArchiveBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArchiveLimitException or UnsafeArchiveException)
            {
                archive.SetLength(0);
                error ??= "agent: packing the changed files: " + ex.Message;
            }

            archive.Position = 0;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(archive, cancellationToken).ConfigureAwait(false));
            var result = new TaskResult { TaskId = Id, ExitCode = exitCode, Error = error ?? "", ArchiveSize = archive.Length, ArchiveSha256 = sha };
            result.Deleted.AddRange(deleted);
            return result;
        }
    }

    private FileSystemWatcher Watch(HashSet<string> touched)
    {
        var watcher = new FileSystemWatcher(dir) { IncludeSubdirectories = true, InternalBufferSize = 64 * 1024 };
        void Add(string path)
        {
            lock (touched)
            {
                touched.Add(Path.GetRelativePath(dir, path));
            }
        }

        watcher.Created += (_, e) => Add(e.FullPath);
        watcher.Changed += (_, e) => Add(e.FullPath);
        watcher.Renamed += (_, e) => Add(e.FullPath);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private async Task<(int ExitCode, string? Error)> RunProcessAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(start.Command[0])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in start.Command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in start.Env)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start '{start.Command[0]}'");
        process.StandardInput.Close();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cancel.Token);
        string? error = null;
        using var overLimit = new CancellationTokenSource();
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, LogStream.Stdout, overLimit, cancellationToken),
            PumpAsync(process.StandardError, LogStream.Stderr, overLimit, cancellationToken));
        using var both = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, overLimit.Token);
        try
        {
            await process.WaitForExitAsync(both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            error = overLimit.IsCancellationRequested
                ? $"agent: the task's log stream is over its limit of {start.MaxLogBytes} bytes; the task was stopped"
                : "agent: the task was cancelled";
        }

        await pumps.ConfigureAwait(false);
        return (process.ExitCode, error);
    }

    private async Task PumpAsync(StreamReader reader, LogStream stream, CancellationTokenSource overLimit, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (Interlocked.Add(ref logBytes, line.Length + 1) > start.MaxLogBytes)
            {
                await overLimit.CancelAsync().ConfigureAwait(false);
                continue;
            }

            await sender.SendAsync(new AgentMessage
            {
                Log = new TaskLog { TaskId = Id, Stream = stream, Line = line, TimestampUnixMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() },
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
