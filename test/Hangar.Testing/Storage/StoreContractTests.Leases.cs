using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Leases;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>Leases and fencing (issue 10): who owns once-only work, and a stale owner's writes refused.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    private static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(10);

    private ILeaseStore Leases => (ILeaseStore)Store;

    private async Task<Lease> AcquireOneAsync(string name, string holder, DateTimeOffset now) =>
        (await Leases.AcquireAsync([name], holder, LeaseFor, now, Ct)).ShouldHaveSingleItem();

    [Fact(Timeout = TestTimeout)]
    public async Task Acquire_FreeLease_TakenAtEpochOne()
    {
        var lease = await AcquireOneAsync("pool:linux", "a/1", T0);

        lease.ShouldBe(new Lease("pool:linux", "a/1", 1, T0 + LeaseFor, T0, 0));
        lease.IsHeldBy("a/1", T0).ShouldBeTrue();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Acquire_HeldByAnother_LeftWithItsHolder()
    {
        await AcquireOneAsync("pool:linux", "a/1", T0);

        var seen = await AcquireOneAsync("pool:linux", "b/1", T0.AddSeconds(5));

        seen.Holder.ShouldBe("a/1");
        seen.Epoch.ShouldBe(1);
        seen.ExpiresAt.ShouldBe(T0 + LeaseFor);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Acquire_RenewedByItsHolder_KeepsEpochAndMovesExpiry()
    {
        await AcquireOneAsync("pool:linux", "a/1", T0);

        var renewed = await AcquireOneAsync("pool:linux", "a/1", T0.AddSeconds(3));

        renewed.ShouldBe(new Lease("pool:linux", "a/1", 1, T0.AddSeconds(3) + LeaseFor, T0, 0));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Acquire_ExpiredLease_TakenByAnotherWithTheNextEpoch()
    {
        await AcquireOneAsync("pool:linux", "a/1", T0);

        var taken = await AcquireOneAsync("pool:linux", "b/1", T0 + LeaseFor);

        taken.ShouldBe(new Lease("pool:linux", "b/1", 2, T0 + LeaseFor + LeaseFor, T0 + LeaseFor, 1));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Acquire_ItsOwnExpiredLease_TakenAgainWithTheNextEpoch()
    {
        // Its holder stopped acting when it could not renew: work started under the old epoch must stay refused.
        await AcquireOneAsync("pool:linux", "a/1", T0);

        var again = await AcquireOneAsync("pool:linux", "a/1", T0.AddSeconds(11));

        again.Epoch.ShouldBe(2);
        again.Handoffs.ShouldBe(0);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Acquire_SeveralNames_EachSettledInOneCall()
    {
        await AcquireOneAsync("pool:b", "other/1", T0);

        var leases = await Leases.AcquireAsync(["pool:c", "pool:b", "pass:retention"], "a/1", LeaseFor, T0.AddSeconds(1), Ct);

        leases.Select(l => (l.Name, l.Holder)).ShouldBe([("pass:retention", "a/1"), ("pool:b", "other/1"), ("pool:c", "a/1")]);
        (await Leases.ListLeasesAsync(Ct)).Count.ShouldBe(3);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Release_HeldLease_AnotherTakesItAtOnce()
    {
        await AcquireOneAsync("pool:linux", "a/1", T0);

        await Leases.ReleaseAsync(["pool:linux"], "a/1", T0.AddSeconds(1), Ct);
        var taken = await AcquireOneAsync("pool:linux", "b/1", T0.AddSeconds(1));

        taken.Holder.ShouldBe("b/1");
        taken.Epoch.ShouldBe(2);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Release_ByAnotherHolder_ChangesNothing()
    {
        await AcquireOneAsync("pool:linux", "a/1", T0);

        await Leases.ReleaseAsync(["pool:linux"], "b/1", T0.AddSeconds(1), Ct);

        (await AcquireOneAsync("pool:linux", "b/1", T0.AddSeconds(1))).Holder.ShouldBe("a/1");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Leases_AfterReopen_AreKept()
    {
        await AcquireOneAsync("pool:linux", "a/1", T0);

        await ReopenStoreAsync();

        (await Leases.ListLeasesAsync(Ct)).ShouldHaveSingleItem().ShouldBe(new Lease("pool:linux", "a/1", 1, T0 + LeaseFor, T0, 0));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task FencedWrites_WithTheCurrentEpoch_Commit()
    {
        var lease = await AcquireOneAsync("pool:linux", "a/1", T0);

        using (StoreFence.Enter(new LeaseFence(lease.Name, "a/1", lease.Epoch)))
        {
            await Store.InsertInstanceAsync(NewInstance("hgr-linux-1"), "wanted", Ct);
            await Store.TransitionAsync("hgr-linux-1", InstanceState.Provisioning, "creating", T0.AddSeconds(1), cancellationToken: Ct);
        }

        (await GetInstanceAsync("hgr-linux-1")).State.ShouldBe(InstanceState.Provisioning);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task FencedWrites_AfterAnotherTookTheLease_AreRefusedAndLeaveNothing()
    {
        var stale = await AcquireOneAsync("pool:linux", "a/1", T0);
        await Store.InsertInstanceAsync(NewInstance("hgr-linux-1"), "wanted", Ct);
        await AcquireOneAsync("pool:linux", "b/1", T0 + LeaseFor);

        using (StoreFence.Enter(new LeaseFence(stale.Name, "a/1", stale.Epoch)))
        {
            await Should.ThrowAsync<StaleLeaseException>(() => Store.InsertInstanceAsync(NewInstance("hgr-linux-2"), "wanted", Ct));
            await Should.ThrowAsync<StaleLeaseException>(() => Store.TransitionAsync("hgr-linux-1", InstanceState.Provisioning, "creating", T0.AddSeconds(11), cancellationToken: Ct));
            await Should.ThrowAsync<StaleLeaseException>(() => Store.UpdateInstanceAsync("hgr-linux-1", new InstanceChanges { LastError = "x" }, Ct));
            await Should.ThrowAsync<StaleLeaseException>(() => Store.SetJobRouteAsync(Key(1), "linux", null, T0, Ct));
        }

        (await Store.GetInstanceAsync("hgr-linux-2", Ct)).ShouldBeNull();
        var kept = await GetInstanceAsync("hgr-linux-1");
        kept.State.ShouldBe(InstanceState.Pending);
        kept.LastError.ShouldBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task FencedWrites_OfTheSameHolderAfterItTookTheLeaseAgain_AreRefused()
    {
        var before = await AcquireOneAsync("pool:linux", "a/1", T0);
        await AcquireOneAsync("pool:linux", "a/1", T0.AddSeconds(30));

        using (StoreFence.Enter(new LeaseFence(before.Name, "a/1", before.Epoch)))
        {
            await Should.ThrowAsync<StaleLeaseException>(() => Store.InsertInstanceAsync(NewInstance("hgr-linux-1"), "wanted", Ct));
        }
    }

    [Fact(Timeout = TestTimeout)]
    public async Task FencedWrites_ForALeaseNeverTaken_AreRefused()
    {
        using (StoreFence.Enter(new LeaseFence("pool:linux", "a/1", 1)))
        {
            await Should.ThrowAsync<StaleLeaseException>(() => Store.InsertInstanceAsync(NewInstance("hgr-linux-1"), "wanted", Ct));
        }
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Intake_UnderAStaleFence_StillStoresTheEvent()
    {
        // Every replica takes in job events: intake is never fenced, whatever flow submits them.
        using (StoreFence.Enter(new LeaseFence("source:sweep", "a/1", 7)))
        {
            (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d-1"), T0, Ct)).ShouldBe(JobEventOutcome.Created);
        }

        (await GetJobAsync(1)).Status.ShouldBe(JobStatus.Queued);
    }
}
