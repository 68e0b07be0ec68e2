using Hangar.Core.Instances;
using Hangar.Engine.Actuation;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

public sealed class ForgeOrphansPassTests
{
    // Made as this harness's engine names its runners (its controller tag), but never stored.
    private static readonly string OrphanName = InstanceNames.New(PoolSpecBuilder.DefaultName, InstanceNames.ControllerTag(EngineHarness.ControllerId));

    // The form Hangar used before names carried a controller tag.
    private const string LegacyName = "hgr-linux-orphanaaaa";

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_OurRegistrationWithoutInstance_RemovedOnlyAfterGrace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var orphan = h.Forge.Register(h.Pool.Target, OrphanName, h.Pool.Labels);

        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace - TimeSpan.FromSeconds(1));
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(OrphanName).ShouldNotBeNull();

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(OrphanName).ShouldBeNull();
        h.Forge.Removes.ShouldBe([orphan.Id]);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_RegistrationOfPendingInstance_NeverRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        // The row is written before the credential is minted: a crash in between leaves exactly this.
        await h.InsertIntentAsync(OrphanName, cancellationToken: ct);
        h.Forge.Register(h.Pool.Target, OrphanName, h.Pool.Labels);

        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace * 3);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(OrphanName).ShouldNotBeNull();
        h.Forge.Removes.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MintedDuringPass_NeverRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        h.Provider.BlockCreates(CreateBlockPoint.AfterMachineExists);
        await h.ConvergeWithoutWaitingAsync(ct);
        await h.Provider.WaitForBlockedCreatesAsync(1, ct).WaitAsync(h.Timeout, ct);
        var name = h.Provider.BlockedCreates.Single();

        await h.ForgeOrphansPass.RunAsync(ct).WaitAsync(h.Timeout, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace * 2);
        await h.ForgeOrphansPass.RunAsync(ct).WaitAsync(h.Timeout, ct);

        h.Forge.Find(name).ShouldNotBeNull();
        h.Provider.ReleaseCreates();
        await h.WhenIdleAsync(ct);
        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_RegistrationLeftByDeletedInstance_Removed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        // The job is cancelled; the deregistration fails once, so the registration outlives the machine.
        h.Forge.FailNext(ForgeCallKind.Remove, 1);
        await h.CompleteJobAsync(1, runner.Name, runner.ForgeRunnerId, ct);
        await h.ConvergeAsync(ct);
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Forge.Find(runner.Name).ShouldNotBeNull();

        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(runner.Name).ShouldBeNull();
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData("hgr-otherpool-aaaaaaaaaa")]
    [InlineData("build-box-1")]
    [InlineData("hgr-linux-short")]
    [InlineData("hgr-linux-zzzzzaaaaaaaaaa")]
    public async Task RunAsync_RegistrationNotOurs_NeverRemoved(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Forge.Register(h.Pool.Target, name, h.Pool.Labels);

        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace * 2);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(name).ShouldNotBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_OrphanBusy_KeptUntilItsJobEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Forge.Register(h.Pool.Target, OrphanName, h.Pool.Labels);
        h.Forge.MarkBusy(OrphanName);

        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(OrphanName).ShouldNotBeNull();

        h.Forge.MarkBusy(OrphanName, busy: false);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(OrphanName).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_LegacyNameWithoutInstanceOffline_RemovedAfterGrace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var orphan = h.Forge.Register(h.Pool.Target, LegacyName, h.Pool.Labels);

        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(LegacyName).ShouldBeNull();
        h.Forge.Removes.ShouldBe([orphan.Id]);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_LegacyNameOfDeletedInstanceOnline_Removed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        // Made and stored by the Hangar before the upgrade, deleted, its deregistration failed.
        await h.InsertIntentAsync(LegacyName, cancellationToken: ct);
        await h.Store.TransitionAsync(LegacyName, InstanceState.Failed, "failed", h.Time.GetUtcNow(), cancellationToken: ct);
        await h.Store.TransitionAsync(LegacyName, InstanceState.Deleting, "failed", h.Time.GetUtcNow(), cancellationToken: ct);
        await h.Store.TransitionAsync(LegacyName, InstanceState.Deleted, "deleted", h.Time.GetUtcNow(), cancellationToken: ct);
        h.Forge.Register(h.Pool.Target, LegacyName, h.Pool.Labels);
        h.Forge.MarkOnline(LegacyName);

        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(LegacyName).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_LegacyNameUnknownAndOnline_KeptAsItMayBeAnotherInstallationsIdleRunner()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        h.Forge.Register(h.Pool.Target, LegacyName, h.Pool.Labels);
        h.Forge.MarkOnline(LegacyName);

        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace * 2);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Removes.ShouldBeEmpty();

        // Its machine went away (its owner retired it, or it was ours and provider-orphans deleted it): now it goes.
        h.Forge.MarkOnline(LegacyName, online: false);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);
        h.Clock.Advance(h.EngineOptions.Loops.ForgeOrphanGrace);
        await h.RunPassAsync(h.ForgeOrphansPass.RunAsync, ct);

        h.Forge.Find(LegacyName).ShouldBeNull();
    }
}
