using Hangar.Core.Instances;
using Hangar.Core.Operators;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>
/// Issue 17 item 3: a converge pass reads the operators' tables (pool overrides, runner removal requests) only when
/// the store says they changed, and still applies every change at the next pass.
/// </summary>
public sealed class OperatorRequestReadsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConvergeAsync_NothingChangedBetweenPasses_ReadsTheOperatorTablesOnce()
    {
        CountingStore? counter = null;
        await using var h = await EngineHarness.StartAsync(new EngineHarnessOptions { WrapStore = s => CountingStore.Wrap(s, out counter) }, Ct);

        for (var i = 0; i < 5; i++)
        {
            await h.ConvergeAsync(Ct);
        }

        counter!.Calls(nameof(Core.Storage.IStore.ListPoolOverridesAsync)).ShouldBe(1);
        counter.Calls(nameof(Core.Storage.IStore.ListRunnerRemovalsAsync)).ShouldBe(1);
    }

    [Fact]
    public async Task ConvergeAsync_OverrideStoredBetweenPasses_ReadsAgainAndTheNextPassPlansWithIt()
    {
        CountingStore? counter = null;
        await using var h = await EngineHarness.StartAsync(new EngineHarnessOptions { WrapStore = s => CountingStore.Wrap(s, out counter) }, Ct);
        var pool = h.EngineOptions.Pools[0].Name;
        await h.ConvergeAsync(Ct);

        await h.Store.ChangePoolOverrideAsync(new PoolOverrideChange
        {
            Pool = pool, Enabled = false, Actor = "test", At = h.Time.GetUtcNow(), Action = "pool.disable", Detail = "disabled by test",
        }, Ct);
        await h.ConvergeAsync(Ct);
        await h.ConvergeAsync(Ct);

        counter!.Calls(nameof(Core.Storage.IStore.ListPoolOverridesAsync)).ShouldBe(2);
        h.Services.GetRequiredService<PoolCatalog>().Find(pool).ShouldNotBeNull().Enabled.ShouldBeFalse();
    }

    [Fact]
    public async Task ConvergeAsync_RemovalRequestedBetweenPasses_TheNextPassDrainsTheRunner()
    {
        CountingStore? counter = null;
        await using var h = await EngineHarness.StartAsync(new EngineHarnessOptions { WrapStore = s => CountingStore.Wrap(s, out counter) }, Ct);
        var pool = h.EngineOptions.Pools[0];
        var now = h.Time.GetUtcNow();
        await h.Store.InsertInstanceAsync(new Instance
        {
            Name = "r1", Pool = pool.Name, Provider = pool.Provider, State = InstanceState.Pending, CreatedAt = now, StateChangedAt = now,
        }, "wanted", Ct);
        await h.Store.TransitionAsync("r1", InstanceState.Provisioning, "create", now, cancellationToken: Ct);
        await h.Store.TransitionAsync("r1", InstanceState.Booting, "created", now, new InstanceChanges { ProviderId = "p-r1" }, Ct);
        await h.Store.TransitionAsync("r1", InstanceState.Idle, "online", now, cancellationToken: Ct);
        await h.ConvergeAsync(Ct);

        await h.Store.RequestRunnerRemovalAsync(new RunnerRemoval { Instance = "r1", Force = false, RequestedBy = "test", RequestedAt = now }, Ct);
        var plan = await h.ConvergeAsync(Ct);

        // The overrides are read only by the pass (the destroy it starts reads the removal request once more).
        counter!.Calls(nameof(Core.Storage.IStore.ListPoolOverridesAsync)).ShouldBe(2);
        plan.Destroys.Select(d => d.Instance).ShouldContain("r1");
    }
}
