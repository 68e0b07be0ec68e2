using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Testing;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>
/// The configuration changed under live instances: their provider was removed or renamed, or their pool was removed.
/// Each is settled once, with its reason, and its registration is removed where it was minted.
/// </summary>
public sealed class RemovedProviderAndPoolTests
{
    private static readonly PoolSpec OnOld = new PoolSpecBuilder().OnProvider("old").WithMinIdle(1).Build();

    private static async Task<Instance> IdleRunnerAsync(EngineHarness h, CancellationToken ct)
    {
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Forge.MarkOnline(runner.Name);
        await h.ObserveAsync(ct);
        var idle = await h.InstanceAsync(runner.Name, ct);
        idle.State.ShouldBe(InstanceState.Idle);
        return idle;
    }

    private static async Task PassesAsync(EngineHarness h, int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            await h.ConvergeAsync(ct);
            await h.ObserveAsync(ct);
        }
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_ProviderRenamedUnderAnIdleRunner_FailedOnceWithTheReasonDeregisteredAndReplaced()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new RecordingLoggerProvider();
        await using var h = await EngineHarness.StartAsync(new EngineHarnessOptions { Pools = [OnOld], Logs = logs }, ct);
        var runner = await IdleRunnerAsync(h, ct);

        await h.RestartWithPoolsAsync([OnOld with { Provider = "new" }], ct);
        await PassesAsync(h, 3, ct);

        var row = await h.InstanceAsync(runner.Name, ct);
        row.State.ShouldBe(InstanceState.Deleted);
        row.LastError.ShouldNotBeNull().ShouldContain("provider 'old' is no longer configured");
        (await h.HistoryAsync(runner.Name, ct)).Count(t => t.To == InstanceState.Failed).ShouldBe(1);
        h.Forge.Find(runner.Name).ShouldBeNull();
        logs.Entries.Where(e => e.Level >= LogLevel.Warning && e.Message.Contains("'old'", StringComparison.Ordinal)).ShouldHaveSingleItem();
        var replacement = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        replacement.Provider.ShouldBe("new");
        h.ProviderNamed("new").Creates.ShouldBe([replacement.Name]);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_ProviderRemovedUnderABusyRunner_KeptUntilItsJobEndsThenSettled()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new EngineHarnessOptions { Pools = [OnOld] }, ct);
        var runner = await IdleRunnerAsync(h, ct);
        await h.StartJobAsync(1, runner.Name, runner.ForgeRunnerId, ct);
        h.Forge.MarkBusy(runner.Name);
        await h.ConvergeAsync(ct);

        await h.RestartWithPoolsAsync([OnOld with { Provider = "new" }], ct);
        await PassesAsync(h, 2, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Forge.Find(runner.Name).ShouldNotBeNull();

        h.Forge.MarkBusy(runner.Name, busy: false);
        await h.CompleteJobAsync(1, runner.Name, runner.ForgeRunnerId, ct);
        await PassesAsync(h, 2, ct);

        var row = await h.InstanceAsync(runner.Name, ct);
        row.State.ShouldBe(InstanceState.Deleted);
        row.LastError.ShouldNotBeNull().ShouldContain("provider 'old' is no longer configured");
        h.Forge.Find(runner.Name).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_PoolRemoved_MachineDestroyedAndRegistrationRemovedAtItsTarget()
    {
        var ct = TestContext.Current.CancellationToken;
        var kept = new PoolSpecBuilder().Build();
        var removed = new PoolSpecBuilder("retired").ForForge(RecordingForge.DefaultName, ForgeTarget.Repository("acme/old")).WithMinIdle(1).Build();
        await using var h = await EngineHarness.StartAsync(new EngineHarnessOptions { Pools = [kept, removed] }, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Forge.Find(runner.Name).ShouldNotBeNull().Target.ShouldBe(removed.Target);

        await h.RestartWithPoolsAsync([kept], ct);
        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Provider.Deletes.ShouldContain(runner.Name);
        h.Forge.Find(runner.Name).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task Converge_IntentOfAPoolMovedToAnotherProvider_FailedNotCreatedOnTheNewOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = new PoolSpecBuilder().OnProvider("old").Build();
        var stillOnOld = new PoolSpecBuilder("other").OnProvider("old").Build();
        await using var h = await EngineHarness.StartAsync(new EngineHarnessOptions { Pools = [pool, stillOnOld] }, ct);
        // Stored by a process that died before creating it; then the pool was moved to another provider.
        var intent = await h.InsertIntentAsync("hgr-linux-intentaaaa", pool, ct);

        await h.RestartWithPoolsAsync([pool with { Provider = "new" }, stillOnOld], ct);
        await h.ConvergeAsync(ct);
        await h.ConvergeAsync(ct);

        h.ProviderNamed("new").Creates.ShouldNotContain(intent.Name);
        var row = await h.InstanceAsync(intent.Name, ct);
        row.State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(intent.Name, ct)).ShouldContain(t => t.To == InstanceState.Failed && t.Reason.Contains("provider 'new'", StringComparison.Ordinal));
    }
}
