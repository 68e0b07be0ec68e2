using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>What a converge pass does with runners once they exist: jobs taken and done, surplus, boot timeouts.</summary>
public sealed class ConvergePassTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_InProgressEventNamesOurRunner_MarksItBusy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerForJobAsync(h, 1);

        await h.StartJobAsync(1, runner.Name, runner.ForgeRunnerId, ct);
        await h.ConvergeAsync(ct);

        var busy = await h.InstanceAsync(runner.Name, ct);
        busy.State.ShouldBe(InstanceState.Busy);
        busy.JobId.ShouldBe(1);
        h.Provider.Creates.Count.ShouldBe(1);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_InProgressEventNamesAnotherRunner_LeavesOursAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerForJobAsync(h, 1);

        await h.StartJobAsync(1, "someone-elses-runner", 99, ct);
        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_JobCompleted_DrainsAndDeletesRunner()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerForJobAsync(h, 1);
        var runnerId = runner.ForgeRunnerId.ShouldNotBeNull();
        await h.StartJobAsync(1, runner.Name, runnerId, ct);
        await h.ConvergeAsync(ct);

        await h.CompleteJobAsync(1, runner.Name, runnerId, ct);
        var plan = await h.ConvergeAsync(ct);

        plan.Destroys.ShouldHaveSingleItem().ShouldBe(new InstanceDestroy(runner.Name, h.Pool.Name, DestroyReason.Drained));
        plan.Creates.ShouldBeEmpty();
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(runner.Name, ct)).Select(t => t.To).ShouldBe(
        [
            InstanceState.Pending, InstanceState.Provisioning, InstanceState.Booting, InstanceState.Busy,
            InstanceState.Draining, InstanceState.Deleting, InstanceState.Deleted,
        ]);
        h.Provider.Deletes.ShouldBe([runner.Name]);
        h.Provider.Machines.ShouldBeEmpty();
        h.Forge.Removes.ShouldBe([runnerId]);
        h.Forge.Find(runner.Name).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_JobCompletedWhileRunnerStillBooting_GoesThroughBusyToDeleted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await BootingRunnerForJobAsync(h, 1);

        // The in_progress webhook was lost; only completed arrives.
        await h.CompleteJobAsync(1, runner.Name, runner.ForgeRunnerId, ct);
        await h.ConvergeAsync(ct);

        var deleted = await h.InstanceAsync(runner.Name, ct);
        deleted.State.ShouldBe(InstanceState.Deleted);
        deleted.JobId.ShouldBe(1);
        (await h.HistoryAsync(runner.Name, ct)).Select(t => t.To).ShouldContain(InstanceState.Busy);
        h.Provider.Deletes.ShouldBe([runner.Name]);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_IdleSurplusPastGrace_RemovesFromForgeBeforeDeletingMachine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await IdleRunnerWithoutDemandAsync(h);
        bool? registeredWhenMachineDeleted = null;
        h.Provider.OnDelete = (name, _) =>
        {
            registeredWhenMachineDeleted = h.Forge.Find(name) is not null;
            return Task.CompletedTask;
        };

        var withinGrace = await h.ConvergeAsync(ct);

        withinGrace.Destroys.ShouldBeEmpty();
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Idle);
        h.Forge.Removes.ShouldBeEmpty();

        h.Clock.Advance(h.Pool.IdleGrace);
        var pastGrace = await h.ConvergeAsync(ct);

        pastGrace.Destroys.ShouldHaveSingleItem().Reason.ShouldBe(DestroyReason.IdleSurplus);
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        registeredWhenMachineDeleted.ShouldBe(false);
        var firstRemove = h.Forge.Calls.First(c => c.Kind == ForgeCallKind.Remove);
        var delete = h.Provider.Calls.Single(c => c.Kind == ProviderCallKind.Delete);
        firstRemove.Sequence.ShouldBeLessThan(delete.Sequence);
        h.Provider.Machines.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_IdleSurplusButForgeSaysBusy_KeepsRunner()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await IdleRunnerWithoutDemandAsync(h);
        h.Clock.Advance(h.Pool.IdleGrace);
        // It took a job a moment ago; neither the webhook nor an observe pass has told Hangar yet.
        h.Forge.MarkBusy(runner.Name);

        var plan = await h.ConvergeAsync(ct);

        plan.Destroys.ShouldHaveSingleItem().Reason.ShouldBe(DestroyReason.IdleSurplus);
        // The forge was asked right before acting and said busy: nothing was removed, and what the forge said is
        // stored at once (busy), so the runner is drained after its job rather than asked about again.
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Forge.Removes.ShouldBeEmpty();
        h.Forge.Find(runner.Name).ShouldNotBeNull();
        h.Provider.Deletes.ShouldBeEmpty();
        h.Provider.Find(runner.Name).ShouldNotBeNull();

        await h.ObserveAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_RunnerTakesJobBetweenBusyCheckAndRemoval_ForgeRefusesAndRunnerIsKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var runner = await IdleRunnerWithoutDemandAsync(h);
        h.Clock.Advance(h.Pool.IdleGrace);
        // The narrowest race: the forge said idle, and the job lands just before the removal reaches it.
        h.Forge.OnRemove = (_, _, _) =>
        {
            h.Forge.MarkBusy(runner.Name);
            return Task.CompletedTask;
        };

        var plan = await h.ConvergeAsync(ct);

        plan.Destroys.ShouldHaveSingleItem().Reason.ShouldBe(DestroyReason.IdleSurplus);
        h.Forge.Removes.ShouldBe([runner.ForgeRunnerId!.Value]);
        h.Forge.Find(runner.Name).ShouldNotBeNull().Busy.ShouldBeTrue();
        h.Provider.Deletes.ShouldBeEmpty();
        h.Provider.Find(runner.Name).ShouldNotBeNull();
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        (await h.HistoryAsync(runner.Name, ct)).Select(t => t.To).ShouldNotContain(InstanceState.Draining);

        h.Forge.OnRemove = null;
        await h.ObserveAsync(ct);
        await h.ConvergeAsync(ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Provider.Deletes.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_IdleWithinMinIdle_IsKeptPastGrace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(new PoolSpecBuilder().WithMinIdle(1).Build(), ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Forge.MarkOnline(runner.Name);
        await h.ObserveAsync(ct);
        h.Clock.Advance(h.Pool.IdleGrace * 2);

        var plan = await h.ConvergeAsync(ct);

        plan.IsEmpty.ShouldBeTrue();
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Idle);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_BootTimeout_DestroysAndReplaces()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var stuck = await BootingRunnerForJobAsync(h, 1);

        h.Clock.Advance(h.Pool.BootTimeout - TimeSpan.FromSeconds(1));
        (await h.ConvergeAsync(ct)).IsEmpty.ShouldBeTrue();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var plan = await h.ConvergeAsync(ct);

        plan.Destroys.ShouldHaveSingleItem().ShouldBe(new InstanceDestroy(stuck.Name, h.Pool.Name, DestroyReason.BootTimeout));
        plan.Creates.ShouldHaveSingleItem().Count.ShouldBe(1);
        (await h.InstanceAsync(stuck.Name, ct)).State.ShouldBe(InstanceState.Deleted);
        (await h.HistoryAsync(stuck.Name, ct)).ShouldContain(t => t.To == InstanceState.Failed && t.Reason == "boot timeout");
        h.Provider.Deletes.ShouldBe([stuck.Name]);
        h.Forge.Find(stuck.Name).ShouldBeNull();
        var replacement = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        replacement.Name.ShouldNotBe(stuck.Name);
        replacement.State.ShouldBe(InstanceState.Booting);
        h.Provider.Machines.ShouldHaveSingleItem().Name.ShouldBe(replacement.Name);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_UnroutableJob_StoresReasonAndCreatesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.SubmitAsync(h.JobEvent(1, labels: ["self-hosted", "gpu"]), ct);

        var plan = await h.ConvergeAsync(ct);

        plan.Unroutable.ShouldHaveSingleItem();
        var job = await h.Store.GetJobAsync(new(h.Pool.Forge, 1), ct);
        job.ShouldNotBeNull().UnroutableReason.ShouldNotBeNull().ShouldContain("gpu");
        h.Provider.Creates.ShouldBeEmpty();
        (await h.ConvergeAsync(ct)).IsEmpty.ShouldBeTrue();
    }

    private static async Task<Instance> BootingRunnerForJobAsync(EngineHarness h, long jobId)
    {
        await h.QueueJobAsync(jobId, Ct);
        await h.ConvergeAsync(Ct);
        var runner = (await h.LiveInstancesAsync(Ct)).ShouldHaveSingleItem();
        runner.State.ShouldBe(InstanceState.Booting);
        return runner;
    }

    /// <summary>A runner that came online for a job another runner then took: idle, and no longer wanted.</summary>
    private static async Task<Instance> IdleRunnerWithoutDemandAsync(EngineHarness h)
    {
        await BootingRunnerForJobAsync(h, 1);
        var runner = (await h.LiveInstancesAsync(Ct)).ShouldHaveSingleItem();
        h.Forge.MarkOnline(runner.Name);
        await h.ObserveAsync(Ct);
        await h.CompleteJobAsync(1, "someone-elses-runner", 99, Ct);
        var idle = await h.InstanceAsync(runner.Name, Ct);
        idle.State.ShouldBe(InstanceState.Idle);
        return idle;
    }
}
