namespace Hangar.Bench.EndToEnd;

/// <summary>Undoes one directly started runner (removes its container, kills its process) after it was timed.</summary>
internal sealed class Cleanup(Func<ValueTask> undo) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => undo();
}
