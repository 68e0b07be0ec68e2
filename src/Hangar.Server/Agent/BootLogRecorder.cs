using System.Threading.Channels;
using Hangar.Agent.Protocol.V1;
using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Agent;

/// <summary>
/// Writes one connected agent's boot log lines to the store, in batches of what arrived while the previous write ran
/// (one write per line when they trickle, few when a runner floods). When the store falls behind, the oldest waiting
/// lines are dropped, never the agent's connection.
/// </summary>
internal sealed class BootLogRecorder
{
    private const int Waiting = 4096;
    private const int MaxBatch = 500;

    private readonly Channel<BootLogLine> lines = Channel.CreateBounded<BootLogLine>(new BoundedChannelOptions(Waiting)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly TimeProvider time;
    private readonly Task writing;

    public BootLogRecorder(string instance, IStore store, BootLogSettings settings, TimeProvider time, ILogger logger)
    {
        this.time = time;
        writing = WriteAsync(instance, store, settings.Keep, logger);
    }

    public void Add(BootLog line)
    {
        ArgumentNullException.ThrowIfNull(line);
        // The agent's clock says when the runner printed it; a missing stamp is taken as now.
        var at = line.TimestampUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(line.TimestampUnixMs) : time.GetUtcNow();
        var stream = line.Stream == LogStream.Stderr ? BootLogStream.Stderr : BootLogStream.Stdout;
        lines.Writer.TryWrite(new BootLogLine(0, at, stream, BootLogLine.Cut(line.Line)));
    }

    /// <summary>Writes what is still waiting and stops.</summary>
    public Task CompleteAsync()
    {
        lines.Writer.TryComplete();
        return writing;
    }

    // Not cancellable: lines that arrived are written even while the connection closes.
    private async Task WriteAsync(string instance, IStore store, int keep, ILogger logger)
    {
        var batch = new List<BootLogLine>(MaxBatch);
        while (await lines.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && lines.Reader.TryRead(out var line))
            {
                batch.Add(line);
            }

            try
            {
                await store.AppendBootLogAsync(instance, batch, keep, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                AgentLog.BootLogWriteFailed(logger, instance, batch.Count, ex.Message);
            }

            batch.Clear();
        }
    }
}
