namespace Hangar.Core.Storage;

/// <summary>
/// Whether the operators' requests (pool overrides, runner removal requests) may have changed since a reader last read
/// them: a write of theirs through this process's store, another replica's heard on the store's change feed
/// (<see cref="StoreChangeKind.Operators"/>), or a feed that cannot vouch for what it missed. A reader keeps what it read
/// while <see cref="Version"/> holds still, so a converge pass reads those tables only when they changed.
/// </summary>
public interface IOperatorRequestChanges
{
    /// <summary>
    /// Moves after every change, never before the change is committed; read it before reading the requests, and read
    /// them again when it moved. While the change feed is not listening it moves at every read.
    /// </summary>
    long Version { get; }
}
