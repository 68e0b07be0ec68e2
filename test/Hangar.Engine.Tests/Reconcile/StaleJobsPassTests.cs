using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Testing;

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
}
