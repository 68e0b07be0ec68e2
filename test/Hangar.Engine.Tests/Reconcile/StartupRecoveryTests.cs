using Hangar.Core.Instances;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>
/// A process dies mid-create (simulated by <see cref="EngineHarness.RestartAsync"/> while the fake provider holds the
/// create), and the next process resolves what it left against the provider.
/// </summary>
public sealed class StartupRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task StartAsync_ProvisioningAndMachineExists_AdoptsAsBootingWithoutSecondCreate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var name = await CrashDuringCreateAsync(h, CreateBlockPoint.AfterMachineExists);
        var machine = h.Provider.Find(name).ShouldNotBeNull();

        await h.RecoverAsync(ct);

        var adopted = await h.InstanceAsync(name, ct);
        adopted.State.ShouldBe(InstanceState.Booting);
        adopted.ProviderId.ShouldBe(machine.ProviderId);
        (await h.ConvergeAsync(ct)).Creates.ShouldBeEmpty();
        h.Provider.Creates.ShouldBe([name]);
        h.Provider.Machines.ShouldHaveSingleItem();
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().Name.ShouldBe(name);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task StartAsync_ProvisioningAndMachineNeverStarted_MarksFailedAndConvergeReplacesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var name = await CrashDuringCreateAsync(h, CreateBlockPoint.AfterMachineExists);
        // Killed between the container's create and its start: Docker lists it as "created", and nothing will start it.
        h.Provider.SetStatus(name, Core.Providers.ProviderInstanceStatus.Created);

        await h.RecoverAsync(ct);

        var failed = await h.InstanceAsync(name, ct);
        failed.State.ShouldBe(InstanceState.Failed);
        failed.LastError.ShouldBe("create interrupted before the machine started");

        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Provider.Find(name).ShouldBeNull();
        h.Forge.Find(name).ShouldBeNull();
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task StartAsync_ProvisioningAndNoMachine_MarksFailedThenCleanupRemovesStaleRegistration()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var name = await CrashDuringCreateAsync(h, CreateBlockPoint.BeforeMachineExists);
        h.Provider.Find(name).ShouldBeNull();
        var stale = h.Forge.Find(name).ShouldNotBeNull("the credential was minted before the crash");

        await h.RecoverAsync(ct);

        var failed = await h.InstanceAsync(name, ct);
        failed.State.ShouldBe(InstanceState.Failed);
        failed.LastError.ShouldBe("create interrupted");

        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Forge.Removes.ShouldBe([stale.Id]);
        h.Forge.Find(name).ShouldBeNull();
        var replacement = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        replacement.Name.ShouldNotBe(name);
        replacement.State.ShouldBe(InstanceState.Booting);
        h.Provider.Creates.ShouldBe([name, replacement.Name]);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task StartAsync_ProviderUnreachable_LeavesInstanceProvisioning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var name = await CrashDuringCreateAsync(h, CreateBlockPoint.AfterMachineExists);
        h.Provider.FailNext(ProviderCallKind.Get, 1);

        await h.RecoverAsync(ct);

        (await h.InstanceAsync(name, ct)).State.ShouldBe(InstanceState.Provisioning);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ConvergeAfterRestart_PendingIntent_ResumedWithSameNameAndNoDuplicateMachine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(
            new EngineHarnessOptions { ProviderConcurrency = new Dictionary<string, int> { [RecordingProvider.DefaultName] = 1 } },
            ct);
        h.Provider.BlockCreates(CreateBlockPoint.AfterMachineExists);
        await h.QueueJobAsync(1, ct);
        await h.QueueJobAsync(2, ct);
        await h.ConvergeWithoutWaitingAsync(ct);
        await h.Provider.WaitForBlockedCreatesAsync(1, ct).WaitAsync(h.Timeout, ct);
        var started = h.Provider.BlockedCreates.Single();
        var waiting = (await h.LiveInstancesAsync(ct)).Select(i => i.Name).Single(n => n != started);

        await h.RestartAsync(ct);
        h.Provider.ReleaseCreates();
        (await h.InstanceAsync(waiting, ct)).State.ShouldBe(InstanceState.Pending);
        (await h.InstanceAsync(started, ct)).State.ShouldBe(InstanceState.Provisioning);
        await h.RecoverAsync(ct);
        var plan = await h.ConvergeAsync(ct);

        plan.Creates.ShouldBeEmpty();
        (await h.InstanceAsync(started, ct)).State.ShouldBe(InstanceState.Booting);
        (await h.InstanceAsync(waiting, ct)).State.ShouldBe(InstanceState.Booting);
        h.Provider.Creates.ShouldBe([started, waiting]);
        h.Provider.Machines.Select(m => m.Name).Order(StringComparer.Ordinal).ShouldBe(new[] { started, waiting }.Order(StringComparer.Ordinal));
        (await h.LiveInstancesAsync(ct)).Count.ShouldBe(2);
    }

    /// <summary>Queues a job, lets the create reach the provider, and restarts the process while the provider holds it.
    /// Creates no longer block afterwards. Returns the instance's name.</summary>
    private static async Task<string> CrashDuringCreateAsync(EngineHarness h, CreateBlockPoint at)
    {
        h.Provider.BlockCreates(at);
        await h.QueueJobAsync(1, Ct);
        await h.ConvergeWithoutWaitingAsync(Ct);
        await h.Provider.WaitForBlockedCreatesAsync(1, Ct).WaitAsync(h.Timeout, Ct);
        var name = h.Provider.BlockedCreates.Single();

        await h.RestartAsync(Ct);
        h.Provider.ReleaseCreates();
        (await h.InstanceAsync(name, Ct)).State.ShouldBe(InstanceState.Provisioning);
        return name;
    }
}
