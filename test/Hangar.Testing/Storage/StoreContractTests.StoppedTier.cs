using Hangar.Core.Instances;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>The stopped tier: an intent marked for it, the stopped state, and the start that resets its running life.</summary>
public abstract partial class StoreContractTests<TBackend>
{
    [Fact(Timeout = TestTimeout)]
    public async Task InsertInstanceAsync_StoppedTierIntent_ReadsBackMarkedAndNotStarted()
    {
        await Store.InsertInstanceAsync(NewInstance("r1") with { StoppedTier = true }, "wanted", Ct);
        await Store.InsertInstanceAsync(NewInstance("r2"), "wanted", Ct);

        var stopped = await GetInstanceAsync("r1");
        stopped.StoppedTier.ShouldBeTrue();
        stopped.StartedAt.ShouldBeNull();
        (await GetInstanceAsync("r2")).StoppedTier.ShouldBeFalse();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_StoppedThenStarted_KeepsStartTimeAndHistory()
    {
        await InsertAndMoveAsync(NewInstance("r1") with { StoppedTier = true }, InstanceState.Provisioning, InstanceState.Stopped);
        var started = T0.AddMinutes(30);

        var booting = await Store.TransitionAsync(
            "r1", InstanceState.Booting, "started for a job", started, new InstanceChanges { StartedAt = started, ForgeRunnerId = 42 }, Ct);

        booting.State.ShouldBe(InstanceState.Booting);
        booting.StartedAt.ShouldBe(started);
        booting.LifeStartedAt.ShouldBe(started);
        booting.ForgeRunnerId.ShouldBe(42);
        var read = await GetInstanceAsync("r1");
        read.StartedAt.ShouldBe(started);
        read.StoppedTier.ShouldBeTrue();
        var history = await Store.GetHistoryAsync("r1", cancellationToken: Ct);
        history.Select(h => h.To).ShouldContain(InstanceState.Stopped);

        // A later change that says nothing of the start keeps it.
        (await Store.TransitionAsync("r1", InstanceState.Idle, "online", started.AddSeconds(5), cancellationToken: Ct)).StartedAt.ShouldBe(started);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_StoppedToIdle_IsRefused()
    {
        await InsertAndMoveAsync(NewInstance("r1") with { StoppedTier = true }, InstanceState.Provisioning, InstanceState.Stopped);

        await Should.ThrowAsync<IllegalTransitionException>(() => Store.TransitionAsync("r1", InstanceState.Idle, "online", T0.AddMinutes(1), cancellationToken: Ct));
        (await GetInstanceAsync("r1")).State.ShouldBe(InstanceState.Stopped);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListInstancesAsync_Live_IncludesStopped()
    {
        await InsertAndMoveAsync(NewInstance("r1") with { StoppedTier = true }, InstanceState.Provisioning, InstanceState.Stopped);

        var live = await Store.ListInstancesAsync(InstanceQuery.Live, Ct);

        live.Single(i => i.Name == "r1").State.ShouldBe(InstanceState.Stopped);
    }
}
