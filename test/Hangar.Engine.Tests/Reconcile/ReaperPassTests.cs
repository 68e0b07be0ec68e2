using Hangar.Core.Instances;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

public sealed class ReaperPassTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_BootingPastBootTimeout_DestroysWithoutAConvergePass()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Clock.Advance(h.Pool.BootTimeout);

        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(runner.Name, ct)).ShouldContain(t => t.Reason == "boot timeout");
        h.Provider.Find(runner.Name).ShouldBeNull();
        h.Forge.Find(runner.Name).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_InsideBootDeadline_LeavesBootingRunnerAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Clock.Advance(h.Pool.BootTimeout - TimeSpan.FromSeconds(1));

        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Booting);
        h.Provider.Deletes.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_BusyPastTtl_Destroys()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        await h.StartJobAsync(1, runner.Name, runner.ForgeRunnerId, ct);
        await h.ConvergeAsync(ct);
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Clock.Advance(h.Pool.Ttl);

        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(runner.Name, ct)).ShouldContain(t => t.Reason == "ttl expired");
    }
}
