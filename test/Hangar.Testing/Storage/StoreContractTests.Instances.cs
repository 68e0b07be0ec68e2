using Hangar.Core.Instances;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

public abstract partial class StoreContractTests<TBackend>
{
    [Fact(Timeout = TestTimeout)]
    public async Task InsertInstanceAsync_Pending_StoredWithTheIntentAsFirstHistoryRow()
    {
        var ct = TestContext.Current.CancellationToken;
        var instance = NewInstance("linux-0001") with { Attempts = 0 };

        await Store.InsertInstanceAsync(instance, "pool below min_idle", ct);

        (await GetInstanceAsync("linux-0001")).ShouldBe(instance with { LastReason = "pool below min_idle" });
        (await Store.GetHistoryAsync("linux-0001", cancellationToken: ct))
            .ShouldBe([new InstanceTransition("linux-0001", null, InstanceState.Pending, T0, "pool below min_idle")]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task InsertInstanceAsync_NotPending_ThrowsArgumentAndStoresNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await Should.ThrowAsync<ArgumentException>(
            () => Store.InsertInstanceAsync(NewInstance("r1") with { State = InstanceState.Idle }, "wanted", ct));

        (await Store.GetInstanceAsync("r1", ct)).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task InsertInstanceAsync_DuplicateName_ThrowsDuplicateAndKeepsTheFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.InsertInstanceAsync(NewInstance("r1", pool: "a"), "first", ct);

        var ex = await Should.ThrowAsync<DuplicateInstanceException>(() => Store.InsertInstanceAsync(NewInstance("r1", pool: "b"), "second", ct));

        ex.Name.ShouldBe("r1");
        (await GetInstanceAsync("r1")).Pool.ShouldBe("a");
        (await Store.GetHistoryAsync("r1", cancellationToken: ct)).Count.ShouldBe(1);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_LegalMove_StoresStateTimeReasonAndHistory()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", ct);

        var moved = await Store.TransitionAsync("r1", InstanceState.Provisioning, "provisioner picked it", T0.AddSeconds(3), cancellationToken: ct);

        moved.State.ShouldBe(InstanceState.Provisioning);
        moved.StateChangedAt.ShouldBe(T0.AddSeconds(3));
        moved.LastReason.ShouldBe("provisioner picked it");
        moved.CreatedAt.ShouldBe(T0);
        (await GetInstanceAsync("r1")).ShouldBe(moved);
        (await Store.GetHistoryAsync("r1", cancellationToken: ct))[0]
            .ShouldBe(new InstanceTransition("r1", InstanceState.Pending, InstanceState.Provisioning, T0.AddSeconds(3), "provisioner picked it"));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_IllegalMove_ThrowsTypedAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Provisioning);
        var before = await GetInstanceAsync("r1");

        var ex = await Should.ThrowAsync<IllegalTransitionException>(() => Store.TransitionAsync(
            "r1", InstanceState.Busy, "bogus", T0.AddMinutes(1), new InstanceChanges { JobId = 5, IncrementAttempts = true }, ct));

        (ex.Instance, ex.From, ex.To).ShouldBe(("r1", InstanceState.Provisioning, InstanceState.Busy));
        (await GetInstanceAsync("r1")).ShouldBe(before);
        (await Store.GetHistoryAsync("r1", cancellationToken: ct)).Count.ShouldBe(2);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_UnknownInstance_ThrowsKeyNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.TransitionAsync("ghost", InstanceState.Provisioning, "x", T0, cancellationToken: ct));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_ConcurrentFromSameState_ExactlyOneWins()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", ct);

        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.TransitionAsync("r1", InstanceState.Provisioning, $"worker {i}", T0.AddSeconds(1), new InstanceChanges { IncrementAttempts = true }, ct);
                return true;
            }
            catch (IllegalTransitionException)
            {
                return false;
            }
        }, ct)).ToArray();
        var won = await Task.WhenAll(attempts);

        won.Count(w => w).ShouldBe(1);
        var instance = await GetInstanceAsync("r1");
        instance.State.ShouldBe(InstanceState.Provisioning);
        instance.Attempts.ShouldBe(1);
        (await Store.GetHistoryAsync("r1", cancellationToken: ct)).Count.ShouldBe(2);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_WithChanges_SetsGivenFieldsAndKeepsTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", ct);
        await Store.TransitionAsync("r1", InstanceState.Provisioning, "go", T0.AddSeconds(1),
            new InstanceChanges { IncrementAttempts = true, LastError = "quota" }, ct);

        var booted = await Store.TransitionAsync("r1", InstanceState.Booting, "created", T0.AddSeconds(2),
            new InstanceChanges { ProviderId = "c0ffee", ForgeRunnerId = 77 }, ct);
        var busy = await Store.TransitionAsync("r1", InstanceState.Busy, "job started", T0.AddSeconds(3),
            new InstanceChanges { JobId = 1234, IncrementAttempts = true }, ct);

        booted.ProviderId.ShouldBe("c0ffee");
        booted.JobId.ShouldBeNull();
        busy.ShouldBe(new Instance
        {
            Name = "r1",
            Pool = "linux",
            Provider = "docker",
            State = InstanceState.Busy,
            CreatedAt = T0,
            StateChangedAt = T0.AddSeconds(3),
            ProviderId = "c0ffee",
            ForgeRunnerId = 77,
            JobId = 1234,
            Attempts = 2,
            LastReason = "job started",
            LastError = "quota",
        });
        (await GetInstanceAsync("r1")).ShouldBe(busy);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_WholeLifecycle_HistoryNewestFirstWithReasons()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Provisioning, InstanceState.Booting, InstanceState.Idle,
            InstanceState.Busy, InstanceState.Draining, InstanceState.Deleting, InstanceState.Deleted);

        var history = await Store.GetHistoryAsync("r1", 100, ct);

        history.Select(t => (t.From, t.To)).ShouldBe(new (InstanceState?, InstanceState)[]
        {
            (InstanceState.Deleting, InstanceState.Deleted),
            (InstanceState.Draining, InstanceState.Deleting),
            (InstanceState.Busy, InstanceState.Draining),
            (InstanceState.Idle, InstanceState.Busy),
            (InstanceState.Booting, InstanceState.Idle),
            (InstanceState.Provisioning, InstanceState.Booting),
            (InstanceState.Pending, InstanceState.Provisioning),
            (null, InstanceState.Pending),
        });
        history[0].Reason.ShouldBe("to Deleted");
        history[0].At.ShouldBe(T0.AddSeconds(7));
        history[^1].Reason.ShouldBe("wanted");
        history.ShouldAllBe(t => t.Instance == "r1");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task GetHistoryAsync_SameMillisecondAndLimit_NewestFirstByOrderOfWriting()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", ct);
        await Store.TransitionAsync("r1", InstanceState.Provisioning, "a", T0, cancellationToken: ct);
        await Store.TransitionAsync("r1", InstanceState.Failed, "b", T0, cancellationToken: ct);
        await Store.TransitionAsync("r1", InstanceState.Deleting, "c", T0, cancellationToken: ct);

        (await Store.GetHistoryAsync("r1", 2, ct)).Select(t => t.Reason).ShouldBe(["c", "b"]);
        (await Store.GetHistoryAsync("ghost", cancellationToken: ct)).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task UpdateInstanceAsync_Changes_SetsFieldsWithoutMoveOrHistory()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Provisioning);

        var updated = await Store.UpdateInstanceAsync("r1", new InstanceChanges { LastError = "timeout", IncrementAttempts = true }, ct);

        updated.State.ShouldBe(InstanceState.Provisioning);
        updated.StateChangedAt.ShouldBe(T0.AddSeconds(1));
        updated.LastReason.ShouldBe("to Provisioning");
        (updated.LastError, updated.Attempts).ShouldBe(("timeout", 1));
        (await GetInstanceAsync("r1")).ShouldBe(updated);
        (await Store.GetHistoryAsync("r1", cancellationToken: ct)).Count.ShouldBe(2);
        (await Store.UpdateInstanceAsync("r1", InstanceChanges.None, ct)).ShouldBe(updated);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task UpdateInstanceAsync_UnknownInstance_ThrowsKeyNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.UpdateInstanceAsync("ghost", new InstanceChanges { LastError = "x" }, ct));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task GetInstanceAsync_UnknownInstance_ReturnsNull()
    {
        var ct = TestContext.Current.CancellationToken;
        (await Store.GetInstanceAsync("ghost", ct)).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListInstancesAsync_Live_ExcludesOnlyDeleted()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAndMoveAsync(NewInstance("a", createdAt: T0));
        await InsertAndMoveAsync(NewInstance("b", createdAt: T0.AddSeconds(1)), InstanceState.Failed);
        await InsertAndMoveAsync(NewInstance("c", createdAt: T0.AddSeconds(2)), InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted);

        (await Store.ListInstancesAsync(InstanceQuery.Live, ct)).Select(i => i.Name).ShouldBe(["a", "b"]);
        (await Store.ListInstancesAsync(InstanceQuery.All, ct)).Select(i => i.Name).ShouldBe(["a", "b", "c"]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListInstancesAsync_Filters_MatchAllGivenOrderedByCreatedAtThenName()
    {
        var ct = TestContext.Current.CancellationToken;
        await InsertAndMoveAsync(NewInstance("z", pool: "linux", provider: "docker", createdAt: T0));
        await InsertAndMoveAsync(NewInstance("y", pool: "linux", provider: "docker", createdAt: T0), InstanceState.Provisioning);
        await InsertAndMoveAsync(NewInstance("x", pool: "gpu", provider: "libvirt", createdAt: T0.AddSeconds(-1)), InstanceState.Provisioning);
        await InsertAndMoveAsync(NewInstance("w", pool: "linux", provider: "libvirt", createdAt: T0.AddSeconds(1)));

        async Task<string[]> Names(InstanceQuery q) => (await Store.ListInstancesAsync(q, ct)).Select(i => i.Name).ToArray();
        (await Names(InstanceQuery.All)).ShouldBe(["x", "y", "z", "w"]);
        (await Names(new InstanceQuery { Pool = "linux" })).ShouldBe(["y", "z", "w"]);
        (await Names(new InstanceQuery { Provider = "libvirt" })).ShouldBe(["x", "w"]);
        (await Names(new InstanceQuery { States = [InstanceState.Provisioning] })).ShouldBe(["x", "y"]);
        (await Names(new InstanceQuery { States = [InstanceState.Pending], Pool = "linux", Provider = "docker" })).ShouldBe(["z"]);
        (await Names(new InstanceQuery { Limit = 2 })).ShouldBe(["x", "y"]);
        (await Names(new InstanceQuery { Pool = "none" })).ShouldBeEmpty();
    }
}
