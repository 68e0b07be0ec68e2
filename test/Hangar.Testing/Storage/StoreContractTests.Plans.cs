using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>A converge pass's routes and intents stored in one transaction (issue 17: one commit fewer between a queued
/// job and its create).</summary>
public abstract partial class StoreContractTests<TBackend>
{
    [Fact(Timeout = TestTimeout)]
    public async Task StorePlanAsync_RoutesAndIntents_AllStoredWithTheIntentReason()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, Ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued), T0, Ct);

        await Store.StorePlanAsync(
            [new JobRouteWrite(Key(1), "linux", null), new JobRouteWrite(Key(2), null, "no pool has label gpu")],
            [NewInstance("r1"), NewInstance("r2", pool: "gpu")],
            "planned",
            T0.AddSeconds(5),
            Ct);

        var routed = await GetJobAsync(1);
        routed.Pool.ShouldBe("linux");
        routed.UpdatedAt.ShouldBe(T0.AddSeconds(5));
        (await GetJobAsync(2)).UnroutableReason.ShouldBe("no pool has label gpu");
        (await GetInstanceAsync("r1")).State.ShouldBe(InstanceState.Pending);
        (await GetInstanceAsync("r2")).Pool.ShouldBe("gpu");
        (await Store.GetHistoryAsync("r1", cancellationToken: Ct)).ShouldHaveSingleItem().Reason.ShouldBe("planned");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task StorePlanAsync_OneJobNotStored_NothingStored()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, Ct);

        await Should.ThrowAsync<KeyNotFoundException>(() => Store.StorePlanAsync(
            [new JobRouteWrite(Key(1), "linux", null), new JobRouteWrite(Key(99), "linux", null)],
            [NewInstance("r1")],
            "planned",
            T0,
            Ct));

        (await GetJobAsync(1)).Pool.ShouldBeNull();
        (await Store.GetInstanceAsync("r1", Ct)).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task StorePlanAsync_IntentNameTaken_ThrowsDuplicateAndStoresNoRoute()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, Ct);
        await Store.InsertInstanceAsync(NewInstance("r1", pool: "first"), "first", Ct);

        await Should.ThrowAsync<DuplicateInstanceException>(() =>
            Store.StorePlanAsync([new JobRouteWrite(Key(1), "linux", null)], [NewInstance("r2"), NewInstance("r1")], "planned", T0, Ct));

        (await GetJobAsync(1)).Pool.ShouldBeNull();
        (await Store.GetInstanceAsync("r2", Ct)).ShouldBeNull();
        (await GetInstanceAsync("r1")).Pool.ShouldBe("first");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task StorePlanAsync_BadRouteOrIntent_ThrowsArgumentAndStoresNothing()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, Ct);

        await Should.ThrowAsync<ArgumentException>(() =>
            Store.StorePlanAsync([new JobRouteWrite(Key(1), "linux", "and a reason")], [NewInstance("r1")], "planned", T0, Ct));
        await Should.ThrowAsync<ArgumentException>(() =>
            Store.StorePlanAsync([new JobRouteWrite(Key(1), "linux", null)], [NewInstance("r1") with { State = InstanceState.Idle }], "planned", T0, Ct));

        (await GetJobAsync(1)).Pool.ShouldBeNull();
        (await Store.GetInstanceAsync("r1", Ct)).ShouldBeNull();
    }
}
