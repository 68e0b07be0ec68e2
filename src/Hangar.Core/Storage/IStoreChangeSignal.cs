using Hangar.Core.Jobs;

namespace Hangar.Core.Storage;

/// <summary>
/// "Rows changed" from outside this process (another replica's writes, e.g. through PostgreSQL notifications): the
/// named rows are read again from the store before the next read of the <see cref="ILiveView"/>. Cheap and
/// non-blocking: callers may signal from a notification handler.
/// </summary>
public interface IStoreChangeSignal
{
    void InstancesChanged(IEnumerable<string> names);

    void JobsChanged(IEnumerable<JobKey> keys);

    /// <summary>Anything may have changed (a lost notification, a lease taken over): the view is loaded again whole.</summary>
    void AllChanged();
}
