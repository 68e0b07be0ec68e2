namespace Hangar.Core.Storage;

/// <summary>
/// Live instances and open jobs held in memory, kept up to date by every write that goes through the store (the store
/// stays the source of truth: a changed row is read back from it, never guessed). Loaded from the store at the first
/// read and again whenever <see cref="IStoreChangeSignal.AllChanged"/> says so; a pass that finds
/// <see cref="LiveSnapshot.Version"/> unchanged knows nothing it reads changed since.
/// </summary>
public interface ILiveView
{
    /// <summary>The current picture: every row written before this call began is in it as the store holds it.</summary>
    Task<LiveSnapshot> ReadAsync(CancellationToken cancellationToken = default);
}
