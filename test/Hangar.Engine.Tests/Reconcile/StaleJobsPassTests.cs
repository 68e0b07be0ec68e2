using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Engine.Reconcile;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests.Reconcile;

public sealed class StaleJobsPassTests
{
    private static readonly EngineHarnessOptions CloseOnFirstMiss = new()
    {
        Configure = o => o with { Loops = o.Loops with { CloseUnknownJobsAfter = 1 } },
    };

    private static async Task<Job> JobAsync(EngineHarness h, long id, CancellationToken ct) =>
        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, id), ct)).ShouldNotBeNull();

    /// <summary>Lets <c>after</c> pass, so every open job is due, and runs one pass.</summary>
    private static async Task LookUpAgainAsync(EngineHarness h, CancellationToken ct)
    {
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
    }

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
            (await JobAsync(h, 1, ct)).IsOpen.ShouldBeTrue();
            await LookUpAgainAsync(h, ct);
        }

        var job = await JobAsync(h, 1, ct);
        job.Status.ShouldBe(JobStatus.Completed);
        job.MissedChecks.ShouldBe(3);
        job.CloseReason.ShouldNotBeNull().ShouldContain("the forge did not know the job");
        actions.Total(LoopNames.StaleJobs, "closed_unknown").ShouldBe(1);

        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter * 10);
        await LookUpAgainAsync(h, ct);

        h.Forge.Calls.Count(c => c.Kind == ForgeCallKind.GetJob).ShouldBe(3);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_CloseUnknownAfterOne_ClosedOnTheFirstNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(CloseOnFirstMiss, ct);
        await h.QueueJobAsync(1, ct);

        await LookUpAgainAsync(h, ct);

        (await JobAsync(h, 1, ct)).Status.ShouldBe(JobStatus.Completed);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_NotFoundTwiceThenARestart_ClosedOnTheThirdLookUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await LookUpAgainAsync(h, ct);
        await LookUpAgainAsync(h, ct);

        await h.RestartAsync(ct);
        // The last look-up is stored: a new process does not look the job up again before its time.
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        h.Forge.Calls.Count(c => c.Kind == ForgeCallKind.GetJob).ShouldBe(2);
        await LookUpAgainAsync(h, ct);

        (await JobAsync(h, 1, ct)).Status.ShouldBe(JobStatus.Completed);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_InProgressJobUnknownAtTheForge_ClosedButItsBusyRunnerKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(CloseOnFirstMiss, ct);
        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);
        var runner = (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
        await h.StartJobAsync(1, runner.Name, runner.ForgeRunnerId, ct);
        await h.ConvergeAsync(ct);

        await LookUpAgainAsync(h, ct);
        await h.ConvergeAsync(ct);

        (await JobAsync(h, 1, ct)).CloseReason.ShouldNotBeNull();
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
        using var logs = new PassLogs();
        var pass = ActivatorUtilities.CreateInstance<StaleJobsPass>(h.Services, logs.For<StaleJobsPass>());
        await h.QueueJobAsync(1, ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(1, JobStatus.Completed, null, null, "cancelled", ["self-hosted", "linux"]));
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
        h.Forge.FailNext(ForgeCallKind.GetJob, 1, new ForgeBudgetExceededException("held for the reserve", ForgePriority.Observe, null));

        await h.RunPassAsync(pass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Queued);
        actions.Total(LoopNames.StaleJobs, "deferred").ShouldBe(1);
        logs.ShouldHaveDeferredWithoutWarning();

        // No clock move: a deferred look-up was never made, so the job is still due.
        await h.RunPassAsync(pass.RunAsync, ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);
    }
}
