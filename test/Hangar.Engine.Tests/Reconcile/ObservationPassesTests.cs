using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>The observation loops together (provider orphans, store ghosts, runner status), as <see cref="EngineHarness.ObserveAsync"/> runs them.</summary>
public sealed class ObservationPassesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_ForgeSaysOnline_MarksBootingRunnerIdleAndNudges()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        await ConsumeNudgeAsync(h);
        h.Forge.MarkOnline(runner.Name);
        var woken = h.Signal.WaitAsync(TimeSpan.FromHours(1), h.Clock, ct);

        await h.ObserveAsync(ct);

        var idle = await h.InstanceAsync(runner.Name, ct);
        idle.State.ShouldBe(InstanceState.Idle);
        idle.ForgeRunnerId.ShouldBe(h.Forge.Find(runner.Name)!.Id);
        (await woken.WaitAsync(h.Timeout, ct)).ShouldBeTrue();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_ForgeSaysBusy_MarksRunnerBusy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        h.Forge.MarkBusy(runner.Name);

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_NothingChanged_ChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Booting);
        h.Provider.Deletes.ShouldBeEmpty();
        h.Forge.Removes.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MachineExitedWhileBooting_MarksFailedAndConvergeCleansUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        h.Provider.MarkExited(runner.Name);

        await h.ObserveAsync(ct);

        var failed = await h.InstanceAsync(runner.Name, ct);
        failed.State.ShouldBe(InstanceState.Failed);
        failed.LastReason.ShouldBe("runner process exited");

        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Provider.Deletes.ShouldBe([runner.Name]);
        h.Provider.Find(runner.Name).ShouldBeNull();
        h.Forge.Find(runner.Name).ShouldBeNull();
        // The job is still queued: a replacement is made.
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().Name.ShouldNotBe(runner.Name);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MachineExitedWhileIdle_MarksFailed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        h.Forge.MarkOnline(runner.Name);
        await h.ObserveAsync(ct);
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Idle);
        h.Provider.MarkExited(runner.Name);

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Failed);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MachineExitedWhileBusy_DrainsAndConvergeDeletes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        h.Forge.MarkBusy(runner.Name);
        await h.ObserveAsync(ct);
        // The job finished and the completed webhook was lost; the ephemeral runner exits.
        h.Forge.MarkBusy(runner.Name, busy: false);
        h.Provider.MarkExited(runner.Name);

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Draining);

        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Provider.Deletes.ShouldContain(runner.Name);
        h.Forge.Find(runner.Name).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MachineVanished_MarksFailedAndConvergeCleansUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        h.Provider.Vanish(runner.Name);

        await h.ObserveAsync(ct);

        var failed = await h.InstanceAsync(runner.Name, ct);
        failed.State.ShouldBe(InstanceState.Failed);
        failed.LastReason.ShouldBe("machine vanished at provider");

        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Forge.Find(runner.Name).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MachineVanishedWhileBusy_Drains()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        h.Forge.MarkBusy(runner.Name);
        await h.ObserveAsync(ct);
        h.Provider.Vanish(runner.Name);

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Draining);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_OrphanMachine_IsDeleted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        h.Provider.AddMachine("hgr-linux-orphan0001", h.Pool.Name);

        await h.ObserveAsync(ct);

        h.Provider.Deletes.ShouldBe(["hgr-linux-orphan0001"]);
        h.Provider.Machines.Select(m => m.Name).ShouldBe([runner.Name]);
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MachineOfDeletedInstance_IsDeleted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var intent = await h.InsertIntentAsync("hgr-linux-ghost00001", cancellationToken: ct);
        await h.Transitions.MoveThroughAsync(intent, InstanceState.Deleted, "test", cancellationToken: ct).WaitAsync(h.Timeout, ct);
        h.Provider.AddMachine(intent.Name, h.Pool.Name);

        await h.ObserveAsync(ct);

        h.Provider.Deletes.ShouldBe([intent.Name]);
        h.Provider.Machines.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MachineWhoseRowIsPending_IsNotAnOrphan()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var intent = await h.InsertIntentAsync("hgr-linux-pending001", cancellationToken: ct);
        h.Provider.AddMachine(intent.Name, h.Pool.Name, ProviderInstanceStatus.Created);

        await h.ObserveAsync(ct);

        h.Provider.Deletes.ShouldBeEmpty();
        h.Provider.Find(intent.Name).ShouldNotBeNull();
        (await h.InstanceAsync(intent.Name, ct)).State.ShouldBe(InstanceState.Pending);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_IntentAndMachineAppearAfterStoreWasRead_MachineIsNotAnOrphan()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        const string name = "hgr-linux-racing0001";
        // A create running alongside the pass stores its intent and makes its machine after the pass read the
        // store but before it lists the provider.
        h.Provider.OnList = async (_, listCt) =>
        {
            h.Provider.OnList = null;
            await h.InsertIntentAsync(name, cancellationToken: listCt);
            h.Provider.AddMachine(name, h.Pool.Name, ProviderInstanceStatus.Created);
        };

        await h.ObserveAsync(ct);

        h.Provider.Deletes.ShouldBeEmpty();
        h.Provider.Find(name).ShouldNotBeNull();
        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Pending);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MachineWhoseCreateIsStillProvisioning_IsNotAnOrphan()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Provider.BlockCreates(CreateBlockPoint.AfterMachineExists);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeWithoutWaitingAsync(ct);
        await h.Provider.WaitForBlockedCreatesAsync(1, ct).WaitAsync(h.Timeout, ct);
        var name = h.Provider.BlockedCreates.Single();

        // The machine exists, the create call has not returned: the row still says provisioning.
        await h.ProviderOrphansPass.RunAsync(ct).WaitAsync(h.Timeout, ct);
        await h.StoreGhostsPass.RunAsync(ct).WaitAsync(h.Timeout, ct);

        h.Provider.Deletes.ShouldBeEmpty();
        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Provisioning);
        h.Provider.ReleaseCreates();
        await h.WhenIdleAsync(ct);
        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Booting);
        h.Provider.Find(name).ShouldNotBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_ProviderListFails_ChangesNothingAndStillObservesForge()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        h.Provider.FailNext(ProviderCallKind.List, 1);
        h.Forge.MarkOnline(runner.Name);

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Idle);
        h.Provider.Deletes.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_OrphanDeleteFails_StillObservesTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        h.Provider.AddMachine("hgr-linux-orphan0001", h.Pool.Name);
        h.Provider.FailNextDeletes(1);
        h.Forge.MarkOnline(runner.Name);

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Idle);
        h.Provider.Find("hgr-linux-orphan0001").ShouldNotBeNull();

        await h.ObserveAsync(ct);

        h.Provider.Find("hgr-linux-orphan0001").ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_ForgeListsTwoRunnersWithOneName_UsesTheOneThatIsOnline()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerAsync(h);
        // Gitea and Forgejo do not keep runner names unique: a second registration with the same name, never online.
        var duplicate = h.Forge.Register(h.Pool.Target, runner.Name, h.Pool.Labels);
        h.Forge.MarkOnline(runner.Name);
        h.Forge.Find(runner.Name)!.Id.ShouldNotBe(duplicate.Id);

        await h.ObserveAsync(ct);

        var idle = await h.InstanceAsync(runner.Name, ct);
        idle.State.ShouldBe(InstanceState.Idle);
        idle.ForgeRunnerId.ShouldBe(runner.ForgeRunnerId);
    }

    private static async Task<Instance> BootingRunnerAsync(EngineHarness h)
    {
        await h.QueueJobAsync(1, Ct);
        await h.ConvergeAsync(Ct);
        var runner = (await h.LiveInstancesAsync(Ct)).ShouldHaveSingleItem();
        runner.State.ShouldBe(InstanceState.Booting);
        return runner;
    }

    private static async Task ConsumeNudgeAsync(EngineHarness h) =>
        (await h.Signal.WaitAsync(TimeSpan.FromHours(1), h.Clock, Ct).WaitAsync(h.Timeout, Ct)).ShouldBeTrue();
}
