using System.Security.Cryptography;
using Google.Protobuf;
using Hangar.Agent.Protocol;
using Hangar.Agent.Protocol.V1;

namespace Hangar.Server.Agent;

/// <summary>
/// Runs one task over an agent's connection: sends StartTask and the input archive in chunks, passes logs and outputs
/// to the sink, and at the result fetches the archive of changed files, checks its size and SHA-256, and extracts it
/// (refusing entries that escape the output directory). Cancelling sends CancelTask and still waits for the result.
/// </summary>
internal static class AgentTaskDriver
{
    private const int ChunkBytes = 256 * 1024;

    /// <exception cref="ExecProtocolException">The agent went away or its archive failed a check.</exception>
    public static async Task<ExecOutcome> RunAsync(AgentConnection connection, ExecRequest request, IExecSink sink, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("n");
        var work = Directory.CreateTempSubdirectory("hangar-exec-");
        try
        {
            var input = request.InputArchive ?? Path.Combine(work.FullName, "input.sz");
            var hasInput = request.Inputs.Count > 0 || (request.InputArchive is not null && new FileInfo(input).Length > 0);
            if (hasInput && request.InputArchive is null)
            {
                var file = File.Create(input);
                await using (file.ConfigureAwait(false))
                {
                    await TaskArchive.PackEntriesAsync(ExecInputs.Entries(request.Inputs), file, request.MaxArchiveBytes, cancellationToken).ConfigureAwait(false);
                }
            }

            var start = new StartTask
            {
                TaskId = id,
                InputSize = hasInput ? new FileInfo(input).Length : 0,
                MaxArchiveBytes = request.MaxArchiveBytes,
                MaxLogBytes = request.MaxLogBytes,
            };
            start.Command.AddRange(request.Command);
            start.Env.Add(request.Env.ToDictionary());
            var send = connection.ToAgent.Writer;
            await send.WriteAsync(new HangarMessage { Start = start }, cancellationToken).ConfigureAwait(false);
            if (hasInput)
            {
                await SendInputAsync(send, id, input, cancellationToken).ConfigureAwait(false);
            }

            using var cancelled = cancellationToken.Register(() => send.TryWrite(new HangarMessage { Cancel = new CancelTask { TaskId = id } }));
            var result = await ReadUntilResultAsync(connection, id, sink).ConfigureAwait(false);
            var changed = await FetchAsync(connection, id, result, request, request.OutputArchive ?? Path.Combine(work.FullName, "output.sz")).ConfigureAwait(false);
            return new ExecOutcome(result.ExitCode, result.Error, changed, result.Deleted);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task SendInputAsync(System.Threading.Channels.ChannelWriter<HangarMessage> send, string id, string input, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        var file = File.OpenRead(input);
        await using (file.ConfigureAwait(false))
        {
            while (true)
            {
                var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var last = file.Position == file.Length;
                await send.WriteAsync(new HangarMessage { Input = new ArchiveChunk { TaskId = id, Data = ByteString.CopyFrom(buffer, 0, read), Last = last } }, cancellationToken).ConfigureAwait(false);
                if (last)
                {
                    return;
                }
            }
        }
    }

    // Not cancellable by the caller: a cancelled task still ends with a result, which is what tells us it stopped.
    private static async Task<TaskResult> ReadUntilResultAsync(AgentConnection connection, string id, IExecSink sink)
    {
        await foreach (var message in connection.FromAgent.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (message.BodyCase)
            {
                case AgentMessage.BodyOneofCase.Log when message.Log.TaskId == id:
                    sink.Log(message.Log.Stream, message.Log.Line);
                    break;
                case AgentMessage.BodyOneofCase.Output when message.Output.TaskId == id:
                    foreach (var (name, value) in message.Output.Values)
                    {
                        sink.Output(name, value);
                    }

                    break;
                case AgentMessage.BodyOneofCase.Result when message.Result.TaskId == id:
                    return message.Result;
                default:
                    break;
            }
        }

        throw new ExecProtocolException($"the agent of {connection.Instance} disconnected before the task's result");
    }

    private static async Task<IReadOnlyList<string>> FetchAsync(AgentConnection connection, string id, TaskResult result, ExecRequest request, string path)
    {
        if (result.ArchiveSize == 0 || (request.OutputDirectory is null && request.OutputArchive is null))
        {
            return [];
        }

        if (result.ArchiveSize > request.MaxArchiveBytes)
        {
            throw new ExecProtocolException($"the task's archive ({result.ArchiveSize} bytes) is over its limit of {request.MaxArchiveBytes} bytes");
        }

        await connection.ToAgent.Writer.WriteAsync(new HangarMessage { Fetch = new FetchArchive { TaskId = id } }).ConfigureAwait(false);
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        await using (file.ConfigureAwait(false))
        {
            await foreach (var message in connection.FromAgent.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (message.BodyCase != AgentMessage.BodyOneofCase.Archive || message.Archive.TaskId != id)
                {
                    continue;
                }

                await file.WriteAsync(message.Archive.Data.Memory).ConfigureAwait(false);
                if (file.Length > result.ArchiveSize)
                {
                    throw new ExecProtocolException("the agent sent more archive than it announced");
                }

                if (message.Archive.Last)
                {
                    break;
                }
            }

            file.Position = 0;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file).ConfigureAwait(false));
            if (file.Length != result.ArchiveSize || sha != result.ArchiveSha256)
            {
                throw new ExecProtocolException($"the task's archive is damaged (got {file.Length} bytes, sha256 {sha}; announced {result.ArchiveSize}, {result.ArchiveSha256})");
            }

            if (request.OutputDirectory is null)
            {
                return [];
            }

            file.Position = 0;
            try
            {
                return await TaskArchive.ExtractAsync(file, request.OutputDirectory, request.MaxArchiveBytes).ConfigureAwait(false);
            }
            catch (UnsafeArchiveException ex)
            {
                throw new ExecProtocolException("the task's archive was refused: " + ex.Message, ex);
            }
        }
    }
}
