using Hangar.Core.Instances;
using Hangar.Core.Operators;

namespace Hangar.Testing.Storage;

/// <summary>Operators' writes (migration 0016): runner removals, pool overrides and the history of who did what.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    private static RunnerRemoval Removal(string instance, bool force = false, string by = "config:alice") =>
        new() { Instance = instance, Force = force, RequestedBy = by, RequestedAt = T0.AddMinutes(5) };

    private static PoolOverrideChange Change(string pool = "linux", string action = "pool.scale") => new()
    {
        Pool = pool, Actor = "config:alice", At = T0.AddMinutes(1), Action = action, Detail = action + " by alice",
    };

    [Fact(Timeout = TestTimeout)]
    public async Task RequestRunnerRemovalAsync_LiveInstance_StoredWithHistoryLineAndAction()
    {
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Provisioning, InstanceState.Booting, InstanceState.Busy);

        var instance = await Store.RequestRunnerRemovalAsync(Removal("r1"), Ct);

        instance.State.ShouldBe(InstanceState.Busy);
        (await Store.ListRunnerRemovalsAsync(Ct)).ShouldBe([Removal("r1")]);
        var history = await Store.GetHistoryAsync("r1", 1, Ct);
        history[0].Reason.ShouldBe(Removal("r1").Note);
        history[0].Reason.ShouldContain("config:alice");
        history[0].From.ShouldBe(InstanceState.Busy);
        history[0].To.ShouldBe(InstanceState.Busy);
        var action = (await Store.ListOperatorActionsAsync(new OperatorActionQuery { Instance = "r1" }, Ct)).ShouldHaveSingleItem();
        action.Actor.ShouldBe("config:alice");
        action.Action.ShouldBe("runner.delete");
        action.Pool.ShouldBe("linux");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RequestRunnerRemovalAsync_AskedAgain_ForceAddedNeverTakenBack()
    {
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Provisioning, InstanceState.Booting, InstanceState.Idle);

        await Store.RequestRunnerRemovalAsync(Removal("r1"), Ct);
        await Store.RequestRunnerRemovalAsync(Removal("r1", force: true, by: "bob"), Ct);
        await Store.RequestRunnerRemovalAsync(Removal("r1", by: "carol"), Ct);

        var removal = (await Store.ListRunnerRemovalsAsync(Ct)).ShouldHaveSingleItem();
        removal.Force.ShouldBeTrue();
        removal.RequestedBy.ShouldBe("bob");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RequestRunnerRemovalAsync_UnknownOrDeleted_RefusedAndNothingRecorded()
    {
        await InsertAndMoveAsync(NewInstance("gone"), InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted);

        await Should.ThrowAsync<KeyNotFoundException>(() => Store.RequestRunnerRemovalAsync(Removal("nobody"), Ct));
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.RequestRunnerRemovalAsync(Removal("gone"), Ct));

        (await Store.ListRunnerRemovalsAsync(Ct)).ShouldBeEmpty();
        (await Store.ListOperatorActionsAsync(new OperatorActionQuery(), Ct)).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListRunnerRemovalsAsync_InstanceDeletedSince_NotListed()
    {
        await InsertAndMoveAsync(NewInstance("r1"), InstanceState.Provisioning, InstanceState.Booting, InstanceState.Idle);
        await Store.RequestRunnerRemovalAsync(Removal("r1"), Ct);

        foreach (var state in new[] { InstanceState.Draining, InstanceState.Deleting, InstanceState.Deleted })
        {
            await Store.TransitionAsync("r1", state, $"to {state}", T0.AddMinutes(10), cancellationToken: Ct);
        }

        (await Store.ListRunnerRemovalsAsync(Ct)).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ChangePoolOverrideAsync_TwoWritesToDifferentKeys_BothHoldAndSurviveReopen()
    {
        await Store.ChangePoolOverrideAsync(Change() with { MaxRunners = 3 }, Ct);
        await Store.ChangePoolOverrideAsync(Change(action: "pool.disable") with { Enabled = false }, Ct);

        await ReopenStoreAsync();

        var stored = (await Store.ListPoolOverridesAsync(Ct)).ShouldHaveSingleItem();
        stored.ShouldBe(new PoolOverride { Pool = "linux", Enabled = false, MaxRunners = 3, SetBy = "config:alice", SetAt = T0.AddMinutes(1) });
        var actions = await Store.ListOperatorActionsAsync(new OperatorActionQuery { Pool = "linux" }, Ct);
        actions.Select(a => a.Action).ShouldBe(["pool.disable", "pool.scale"]);
        actions[0].Sequence.ShouldBeGreaterThan(actions[1].Sequence);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ChangePoolOverrideAsync_EveryKeyCleared_RowGoneButHistoryKept()
    {
        await Store.ChangePoolOverrideAsync(Change() with { MinIdle = 2, Enabled = true }, Ct);

        var after = await Store.ChangePoolOverrideAsync(Change(action: "pool.reset") with { ClearMinIdle = true, ClearEnabled = true }, Ct);

        after.ShouldBeNull();
        (await Store.ListPoolOverridesAsync(Ct)).ShouldBeEmpty();
        (await Store.ListOperatorActionsAsync(new OperatorActionQuery { Pool = "linux" }, Ct)).Count.ShouldBe(2);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListOperatorActionsAsync_Paged_NewestFirstByPoolAndBefore()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.RecordOperatorActionAsync(new OperatorAction
            {
                At = T0.AddSeconds(i), Actor = "bob", Action = "job.recheck", Pool = i % 2 == 0 ? "linux" : "arm", Job = $"github/{i}/0", Detail = $"d{i}",
            }, Ct);
        }

        var first = await Store.ListOperatorActionsAsync(new OperatorActionQuery { Pool = "linux", Limit = 2 }, Ct);
        var second = await Store.ListOperatorActionsAsync(new OperatorActionQuery { Pool = "linux", Limit = 2, Before = first[^1].Sequence }, Ct);

        first.Select(a => a.Detail).ShouldBe(["d4", "d2"]);
        second.Select(a => a.Detail).ShouldBe(["d0"]);
        second[0].Job.ShouldBe("github/0/0");
    }
}
