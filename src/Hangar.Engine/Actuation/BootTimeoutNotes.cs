using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Storage;

namespace Hangar.Engine.Actuation;

/// <summary>
/// What a runner that missed its boot timeout printed last, kept with it before it is destroyed: the newest lines of
/// its boot log (streamed by its agent) go into its history, and the last few into its error, which
/// <c>hangar runners list --failed</c> shows. The boot log itself goes when the instance is pruned.
/// </summary>
internal sealed class BootTimeoutNotes(IStore store, TimeProvider time)
{
    /// <summary>Lines kept in the history note.</summary>
    public const int HistoryLines = 20;

    /// <summary>Lines shown in the error.</summary>
    public const int ErrorLines = 5;

    private const int ErrorLineLength = 200;

    public async Task RecordAsync(Instance instance, PoolSpec? pool, CancellationToken ct)
    {
        var lines = await store.ListBootLogAsync(instance.Name, 0, HistoryLines, ct).ConfigureAwait(false);
        var timeout = pool is null ? "" : $" of {pool.BootTimeout}";
        if (lines.Count == 0)
        {
            if (pool?.Agent is not null)
            {
                await store.UpdateInstanceAsync(instance.Name, new InstanceChanges
                {
                    LastError = $"missed its boot timeout{timeout}; its agent sent no output (did it reach server.agent?)",
                }, ct).ConfigureAwait(false);
            }

            return;
        }

        var note = $"missed its boot timeout{timeout}; the last {lines.Count} lines of its boot log:\n"
            + string.Join('\n', lines.Select(l => $"{(l.Stream == BootLogStream.Stderr ? "err" : "out")} {l.Line}"));
        await store.AppendInstanceNoteAsync(instance.Name, note, time.GetUtcNow(), ct).ConfigureAwait(false);
        var last = lines.TakeLast(ErrorLines).Select(l => l.Line.Length <= ErrorLineLength ? l.Line : l.Line[..ErrorLineLength] + "…");
        await store.UpdateInstanceAsync(instance.Name, new InstanceChanges
        {
            LastError = $"missed its boot timeout{timeout}; last lines: {string.Join(" | ", last)}",
        }, ct).ConfigureAwait(false);
    }
}
