using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Engine.Demand;
using Hangar.Engine.Reconcile;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>
/// The GitHub request budget ranks calls by the <see cref="ForgeCallScope"/> they are made in: each loop names itself
/// and its priority, and a call the budget holds back is a deferral (skipped, counted, debug), never a warning.
/// Stale-jobs and the queued-jobs sweep have their own deferral tests beside their other tests.
/// </summary>
public sealed class ForgeBudgetWiringTests
{
    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(LoopNames.Converge, ForgePriority.Provision)]
    [InlineData(LoopNames.CreateRetry, ForgePriority.Provision)]
    [InlineData(LoopNames.Reaper, ForgePriority.Provision)]
    [InlineData(LoopNames.RunnerStatus, ForgePriority.Observe)]
    [InlineData(LoopNames.StaleJobs, ForgePriority.Observe)]
    [InlineData(LoopNames.ForgeOrphans, ForgePriority.Sweep)]
    public async Task AddHangarEngine_Loop_RunsAtItsForgePriority(string loop, ForgePriority priority)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);

        h.Services.GetRequiredService<ReconcileLoops>()[loop].Pass.ForgePriority.ShouldBe(priority);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task HostedServices_EachLoopsForgeCalls_CarryItsNameAndPriority()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
        await h.QueueJobAsync(2, ct);

        await h.StartHostedServicesAsync(ct);

        var expected = new[]
        {
            (ForgeCallKind.Mint, new ForgeCaller(LoopNames.Converge, ForgePriority.Provision)),
            (ForgeCallKind.GetJob, new ForgeCaller(LoopNames.StaleJobs, ForgePriority.Observe)),
            (ForgeCallKind.List, new ForgeCaller(LoopNames.RunnerStatus, ForgePriority.Observe)),
            (ForgeCallKind.List, new ForgeCaller(LoopNames.ForgeOrphans, ForgePriority.Sweep)),
            (ForgeCallKind.ListQueuedJobs, new ForgeCaller(QueuedJobsSweep.SourceName, ForgePriority.Sweep)),
        };
        await h.Forge.WaitForCallsAsync(calls => expected.All(e => calls.Any(c => c.Kind == e.Item1 && c.Caller == e.Item2)), ct)
            .WaitAsync(h.Timeout, ct);
        await h.WhenIdleAsync(ct);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunnerStatus_BudgetHoldsTheRunnerList_DeferredWithoutAWarningAndListedNextPass()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Forge.MarkOnline(runner.Name);

        var pass = await RunWithRunnerListHeldAsync<RunnerStatusPass>(h, LoopNames.RunnerStatus, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Booting);

        await h.RunPassAsync(pass.RunAsync, ct);

        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Idle);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task ForgeOrphans_BudgetHoldsTheRunnerList_DeferredWithoutAWarning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);

        await RunWithRunnerListHeldAsync<ForgeOrphansPass>(h, LoopNames.ForgeOrphans, ct);

        h.Forge.Calls.ShouldHaveSingleItem().Kind.ShouldBe(ForgeCallKind.List);
    }

    /// <summary>One pass of <typeparamref name="TPass"/> while the request budget holds back the forge's next runner
    /// list: it must count a deferral and log it at debug, with no warning.</summary>
    private static async Task<TPass> RunWithRunnerListHeldAsync<TPass>(EngineHarness h, string loop, CancellationToken ct)
        where TPass : IReconcilePass
    {
        using var actions = new LoopActions(h);
        using var logs = new PassLogs();
        var pass = ActivatorUtilities.CreateInstance<TPass>(h.Services, logs.For<TPass>());
        h.Forge.FailNext(ForgeCallKind.List, 1, new ForgeBudgetExceededException("held for the reserve", pass.ForgePriority, h.Clock.GetUtcNow().AddMinutes(30)));

        await h.RunPassAsync(pass.RunAsync, ct);

        actions.Total(loop, "deferred").ShouldBe(1);
        logs.ShouldHaveDeferredWithoutWarning();
        return pass;
    }
}
