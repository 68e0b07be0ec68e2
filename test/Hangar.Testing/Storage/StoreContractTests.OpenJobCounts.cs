using Hangar.Core.Jobs;

namespace Hangar.Testing.Storage;

/// <summary>Open jobs routed to each pool, counted by the store: what the planner API's pressure is built on.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    [Fact(Timeout = TestTimeout)]
    public async Task CountOpenJobsByPoolAsync_MixedStatuses_CountsQueuedAndInProgressOfNamedPoolsOnly()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, Ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued), T0, Ct);
        await Store.RecordJobEventAsync(Event(3, JobStatus.Queued), T0, Ct);
        await Store.RecordJobEventAsync(Event(4, JobStatus.Queued), T0, Ct);
        await Store.RecordJobEventAsync(Event(5, JobStatus.Queued), T0, Ct);
        await Store.RecordJobEventAsync(Event(6, JobStatus.Queued), T0, Ct);
        foreach (var id in new long[] { 1, 2, 3 })
        {
            await Store.SetJobRouteAsync(Key(id), "linux", null, T0, Ct);
        }

        await Store.SetJobRouteAsync(Key(4), "gpu", null, T0, Ct);
        await Store.SetJobRouteAsync(Key(5), "other", null, T0, Ct);
        await Store.SetJobRouteAsync(Key(6), null, "no pool", T0, Ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.InProgress), T0.AddSeconds(1), Ct);
        await Store.RecordJobEventAsync(Event(3, JobStatus.Completed), T0.AddSeconds(2), Ct);

        var counts = await Store.CountOpenJobsByPoolAsync(["linux", "gpu", "empty"], Ct);

        counts.ShouldBe(new Dictionary<string, int> { ["linux"] = 2, ["gpu"] = 1 }, ignoreOrder: true);
        (await Store.CountOpenJobsByPoolAsync([], Ct)).ShouldBeEmpty();
    }
}
