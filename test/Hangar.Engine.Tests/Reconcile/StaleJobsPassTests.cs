using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Engine.Reconcile;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Tests.Reconcile;

public sealed class StaleJobsPassTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_QueuedJobCompletedAtForge_ClosesJobAfterThreshold()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        // Cancelled before pickup; the completed webhook was lost.
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(1, JobStatus.Completed, null, null, "cancelled", ["self-hosted", "linux"]));

        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);

        h.Forge.Calls.ShouldNotContain(c => c.Kind == ForgeCallKind.GetJob);
        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Queued);

        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);

        var job = (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Completed);
        job.Conclusion.ShouldBe("cancelled");
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_LostInProgressWebhook_MarksOurRunnerBusy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(1, JobStatus.InProgress, runner.Name, runner.ForgeRunnerId, null, ["self-hosted", "linux"]));
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);

        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        await h.ConvergeAsync(ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().RunnerName.ShouldBe(runner.Name);
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_StillQueuedAtForge_ChecksAgainOnlyAfterAnotherPeriod()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(1, JobStatus.Queued, null, null, null, ["self-hosted", "linux"]));
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);

        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);

        h.Forge.Calls.Count(c => c.Kind == ForgeCallKind.GetJob).ShouldBe(1);

        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);

        h.Forge.Calls.Count(c => c.Kind == ForgeCallKind.GetJob).ShouldBe(2);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_ForgeFails_NextPassRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(1, JobStatus.Completed, null, null, "cancelled", ["self-hosted", "linux"]));
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
        h.Forge.FailNext(ForgeCallKind.GetJob, 1);

        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Queued);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_WaitingJobApprovedAndItsQueuedWebhookLost_QueuedAndServed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.SubmitAsync(h.JobEvent(1, JobStatus.Waiting), ct);
        await h.ConvergeAsync(ct);
        (await h.LiveInstancesAsync(ct)).ShouldBeEmpty();
        // Approved at the forge; the queued webhook that would have said so was lost.
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(1, JobStatus.Queued, null, null, null, ["self-hosted", "linux"]));
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);

        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        await h.ConvergeAsync(ct);

        var job = (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Queued);
        job.QueuedAt.ShouldBe(h.Clock.GetUtcNow());
        job.Pool.ShouldBe(h.Pool.Name);
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_JobUnknownAtTheForgeOnThreeLookUps_ClosedWithItsReasonAndNoLongerLookedUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        using var actions = new LoopActions(h);
        await h.QueueJobAsync(1, ct);

        for (var lookUp = 1; lookUp <= 3; lookUp++)
        {
            (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().IsOpen.ShouldBeTrue();
            h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
            await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        }

        var job = (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Completed);
        job.MissedChecks.ShouldBe(3);
        job.CloseReason.ShouldNotBeNull().ShouldContain("the forge did not know the job");
        actions.Total(LoopNames.StaleJobs, "closed_unknown").ShouldBe(1);

        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter * 10);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);

        h.Forge.Calls.Count(c => c.Kind == ForgeCallKind.GetJob).ShouldBe(3);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_CloseUnknownAfterOne_ClosedOnTheFirstNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(
            new EngineHarnessOptions { Configure = o => o with { Loops = o.Loops with { CloseUnknownJobsAfter = 1 } } }, ct);
        await h.QueueJobAsync(1, ct);
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);

        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_NotFoundTwiceThenARestart_ClosedOnTheThirdLookUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        for (var lookUp = 1; lookUp <= 2; lookUp++)
        {
            h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
            await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        }

        await h.RestartAsync(ct);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        h.Forge.Calls.Count(c => c.Kind == ForgeCallKind.GetJob).ShouldBe(2);
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_InProgressJobUnknownAtTheForge_ClosedButItsBusyRunnerKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(
            new EngineHarnessOptions { Configure = o => o with { Loops = o.Loops with { CloseUnknownJobsAfter = 1 } } }, ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        await h.StartJobAsync(1, runner.Name, runner.ForgeRunnerId, ct);
        await h.ConvergeAsync(ct);
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);

        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        await h.ConvergeAsync(ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().CloseReason.ShouldNotBeNull();
        // A forge that stopped answering for the job (a credential that lost access) says nothing about the runner,
        // which may still be running it: it is not drained on Hangar's word.
        (await h.InstanceAsync(runner.Name, ct)).State.ShouldBe(InstanceState.Busy);
        h.Provider.Deletes.ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_TenThousandOpenZombiesAndANewJob_NewJobLookedUpOnTheSecondPass()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(
            new EngineHarnessOptions { Configure = o => o with { Loops = o.Loops with { StaleJobsPerPass = 10_000 } } }, ct);
        await ZombieJobs.StoreAsync(h, 10_001, JobStatus.InProgress, ct: ct);
        await h.QueueJobAsync(1, ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(1, JobStatus.Completed, null, null, "cancelled", ["self-hosted", "linux"]));
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);

        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);
        h.Forge.Calls.Count(c => c.Kind == ForgeCallKind.GetJob).ShouldBe(10_002);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_BudgetHoldsTheLookUp_DeferredWithoutAWarningAndAskedAgainOnTheNextPass()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        using var actions = new LoopActions(h);
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var pass = ActivatorUtilities.CreateInstance<StaleJobsPass>(h.Services, loggers.CreateLogger<StaleJobsPass>());
        await h.QueueJobAsync(1, ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(1, JobStatus.Completed, null, null, "cancelled", ["self-hosted", "linux"]));
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
        h.Forge.FailNext(ForgeCallKind.GetJob, 1, new ForgeBudgetExceededException("held for the reserve", ForgePriority.Observe, null));

        await h.RunPassAsync(pass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Queued);
        actions.Total(LoopNames.StaleJobs, "deferred").ShouldBe(1);
        logs.Entries.ShouldNotContain(e => e.Level >= LogLevel.Warning);
        logs.Entries.ShouldContain(e => e.EventId.Name == "ForgeCallDeferred" && e.Level == LogLevel.Debug);

        // No clock move: a deferred look-up was never made, so the job is still due.
        await h.RunPassAsync(pass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);
    }
}
