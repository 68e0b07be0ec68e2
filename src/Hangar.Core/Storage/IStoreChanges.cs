namespace Hangar.Core.Storage;

/// <summary>
/// Changes other processes made to a shared store, as they commit (PostgreSQL: <c>LISTEN</c>/<c>NOTIFY</c>; a
/// single-process store has none to report and registers no feed). A hint to look again, never the data itself: a
/// subscriber re-reads what it needs, and after <see cref="StoreChangeKind.Resync"/> (the feed reconnected and may have
/// missed changes) re-reads everything it keeps.
/// </summary>
public interface IStoreChanges
{
    /// <summary>Calls <paramref name="onChange"/> for each change until the returned handle is disposed. Called on the
    /// feed's own thread: keep it short (set a flag, nudge a signal).</summary>
    IDisposable Subscribe(Action<StoreChange> onChange);
}
