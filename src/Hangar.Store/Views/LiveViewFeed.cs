using Hangar.Core.Storage;

namespace Hangar.Store.Views;

/// <summary>
/// Feeds a shared store's change notifications (<see cref="IStoreChanges"/>: other replicas' writes) to a
/// <see cref="LiveView"/>: named rows are read back, a change naming no rows reloads the view, and between the feed's
/// <see cref="StoreChangeKind.Lost"/> (or before its first <see cref="StoreChangeKind.Resync"/>) the view trusts nothing it
/// holds. So a replica's view never serves a row older than another replica's write it was notified of, and never
/// serves stale rows because a notification was lost with the connection.
/// </summary>
internal static class LiveViewFeed
{
    public static IDisposable Connect(IStoreChanges feed, LiveView view)
    {
        // Until the feed says it listens, writes elsewhere go unheard.
        view.NotHearing();
        return feed.Subscribe(change =>
        {
            switch (change.Kind)
            {
                case StoreChangeKind.Jobs when change.Jobs is { } jobs:
                    view.JobsChanged(jobs);
                    break;
                case StoreChangeKind.Instances when change.Instances is { } names:
                    view.InstancesChanged(names);
                    break;
                case StoreChangeKind.Jobs or StoreChangeKind.Instances:
                    view.AllChanged();
                    break;
                case StoreChangeKind.Resync:
                    view.Hearing();
                    break;
                case StoreChangeKind.Lost:
                    view.NotHearing();
                    break;
                case StoreChangeKind.Operators:
                    // Not rows the view holds (OperatorRequestChanges hears these).
                    break;
                default:
                    // A kind this build does not know: assume the worst.
                    view.AllChanged();
                    break;
            }
        });
    }
}
