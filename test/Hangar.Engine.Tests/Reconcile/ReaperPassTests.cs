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
    public async Task RunAsync_BusyPastTtl_KeptAndDrainedAfterItsJob()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BusyRunnerAsync(h, 1);
        h.Clock.Advance(h.Pool.Ttl);

        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);
        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Provider.Deletes.ShouldBeEmpty();
        h.Forge.Removes.ShouldBeEmpty();

        await h.CompleteJobAsync(1, runner.Name, runner.ForgeRunnerId, ct);
        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(runner.Name, ct)).ShouldContain(t => t.To == InstanceState.Draining && t.Reason == "job 1 completed");
        (await h.Store.GetJobAsync(new(h.Pool.Forge, 1), ct)).ShouldNotBeNull().KilledReason.ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_BusyPastTtlPlusMaxJobDuration_KilledAndTheKillIsVisible()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder().With(p => p with { MaxJobDuration = TimeSpan.FromHours(2) }).Build(), ct);
        var runner = await BusyRunnerAsync(h, 1);
        h.Clock.Advance(h.Pool.Ttl + TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        h.Provider.Find(runner.Name).ShouldBeNull();
        (await h.HistoryAsync(runner.Name, ct)).ShouldContain(t =>
            t.From == InstanceState.Busy && t.To == InstanceState.Draining
            && t.Reason == "killed at hard cap: still running a job at ttl (12h) + max_job_duration (2h)");
        var job = (await h.Store.GetJobAsync(new(h.Pool.Forge, 1), ct)).ShouldNotBeNull();
        job.KilledAt.ShouldBe(h.Clock.GetUtcNow());
        job.KilledReason.ShouldNotBeNull().ShouldStartWith("killed at hard cap");
        job.KilledReason.ShouldContain(runner.Name);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_MinIdleRunnerTookAJobJustBeforeItsTtl_ForgeSaysBusy_KeptAndDrainedAfterItsJob()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder().WithMinIdle(1).Build(), ct);
        var runner = await IdleRunnerAsync(h);
        h.Clock.Advance(h.Pool.Ttl - TimeSpan.FromSeconds(5));
        // It took a job a moment before its TTL; neither the webhook nor an observe pass has told Hangar yet.
        h.Forge.MarkBusy(runner.Name);
        h.Clock.Advance(TimeSpan.FromSeconds(5));

        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Provider.Deletes.ShouldBeEmpty();
        h.Provider.Find(runner.Name).ShouldNotBeNull();
        h.Forge.Removes.ShouldBeEmpty();
        (await h.HistoryAsync(runner.Name, ct)).ShouldContain(t => t.To == InstanceState.Busy && t.Reason.Contains("forge reports the runner busy", StringComparison.Ordinal));

        // Its job ends (the runner exits, as an ephemeral runner does): only then is it cleaned up.
        h.Provider.MarkExited(runner.Name);
        await h.ObserveAsync(ct);
        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_IdlePastTtl_RegistrationRemovedBeforeTheMachine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder().WithMinIdle(1).Build(), ct);
        var runner = await IdleRunnerAsync(h);
        bool? registeredWhenMachineDeleted = null;
        h.Provider.OnDelete = (name, _) =>
        {
            registeredWhenMachineDeleted = h.Forge.Find(name) is not null;
            return Task.CompletedTask;
        };
        h.Clock.Advance(h.Pool.Ttl);

        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(runner.Name, ct)).ShouldContain(t => t.Reason == "ttl expired");
        registeredWhenMachineDeleted.ShouldBe(false);
        h.Forge.Find(runner.Name).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_RunnerTakesAJobBetweenTheBusyCheckAndTheRemovalAtItsTtl_ForgeRefusesAndRunnerKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder().WithMinIdle(1).Build(), ct);
        var runner = await IdleRunnerAsync(h);
        h.Forge.OnRemove = (_, _, _) =>
        {
            h.Forge.MarkBusy(runner.Name);
            return Task.CompletedTask;
        };
        h.Clock.Advance(h.Pool.Ttl);

        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);

        h.Forge.Removes.ShouldBe([runner.ForgeRunnerId!.Value]);
        h.Forge.Find(runner.Name).ShouldNotBeNull().Busy.ShouldBeTrue();
        h.Provider.Deletes.ShouldBeEmpty();
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_SlowBootingRunnerTookAJobAndTheWebhookWasLost_KeptAtBootTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Clock.Advance(h.Pool.BootTimeout - TimeSpan.FromSeconds(5));
        h.Forge.MarkBusy(runner.Name);
        h.Clock.Advance(TimeSpan.FromSeconds(5));

        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Provider.Deletes.ShouldBeEmpty();
        h.Forge.Removes.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_BootingRunnerBusyWhileTheBudgetHoldsBackRunnerLists_CheckedByNameAndKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Forge.HoldBackRunnerLists = true;
        h.Forge.MarkBusy(runner.Name);
        h.Clock.Advance(h.Pool.BootTimeout);

        // The runner-status pass cannot read the forge's runner list: the runner still looks booting.
        await h.RunPassAsync(h.RunnerStatusPass.RunAsync, ct);
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Booting);

        await h.RunPassAsync(h.ReaperPass.RunAsync, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Provider.Deletes.ShouldBeEmpty();
        h.Forge.Calls.ShouldContain(c => c.Kind == ForgeCallKind.List && c.Name == runner.Name);
    }

    /// <summary>A runner that took job <paramref name="jobId"/> (its in-progress webhook arrived).</summary>
    private static async Task<Instance> BusyRunnerAsync(EngineHarness h, long jobId)
    {
        var ct = TestContext.Current.CancellationToken;
        await h.QueueJobAsync(jobId, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        await h.StartJobAsync(jobId, runner.Name, runner.ForgeRunnerId, ct);
        await h.ConvergeAsync(ct);
        var busy = await h.InstanceAsync(runner.Name, ct);
        busy.State.ShouldBe(InstanceState.Busy);
        return busy;
    }

    /// <summary>The pool's <c>min_idle</c> runner, online and idle.</summary>
    private static async Task<Instance> IdleRunnerAsync(EngineHarness h)
    {
        var ct = TestContext.Current.CancellationToken;
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Forge.MarkOnline(runner.Name);
        await h.ObserveAsync(ct);
        var idle = await h.InstanceAsync(runner.Name, ct);
        idle.State.ShouldBe(InstanceState.Idle);
        return idle;
    }
}
