using Hangar.Core.Storage;

namespace Hangar.Store.Views;

/// <summary>
/// <see cref="IOperatorRequestChanges"/> for one store: <see cref="ViewedStore"/> calls <see cref="Changed"/> after each
/// operator write it passes on, and a shared store's feed (<see cref="Connect"/>) after another replica's. Before the
/// feed's first <see cref="StoreChangeKind.Resync"/> and after a <see cref="StoreChangeKind.Lost"/>, another replica's
/// write may go unheard, so every read of <see cref="Version"/> moves it until the feed listens again.
/// </summary>
internal sealed class OperatorRequestChanges : IOperatorRequestChanges
{
    private long _version;
    private volatile bool _hearing = true;

    public long Version => _hearing ? Interlocked.Read(ref _version) : Interlocked.Increment(ref _version);

    public void Changed() => Interlocked.Increment(ref _version);

    public IDisposable Connect(IStoreChanges feed)
    {
        // Until the feed says it listens, writes elsewhere go unheard.
        _hearing = false;
        return feed.Subscribe(change =>
        {
            switch (change.Kind)
            {
                case StoreChangeKind.Jobs or StoreChangeKind.Instances:
                    break;
                case StoreChangeKind.Resync:
                    // Set before the move: a reader that sees the new version and then reads finds what was missed.
                    _hearing = true;
                    Changed();
                    break;
                case StoreChangeKind.Lost:
                    _hearing = false;
                    break;
                default:
                    // Operators, or a kind this build does not know: assume they changed.
                    Changed();
                    break;
            }
        });
    }
}
