using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.ScaleSets;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>
/// The stale-jobs pass on scale-set jobs, which are keyed by the Actions service's <c>runnerRequestId</c> and have no
/// REST id: each is looked up in its workflow run (by its runner once started, else by its name), never by REST id, so
/// an open one is not closed as unknown and a finished one is completed with the forge's conclusion.
/// </summary>
public sealed class StaleScaleSetJobsTests
{
    private const long RunnerRequestId = 9001;
    private const long RunId = 77;
    private static readonly string[] Labels = ["self-hosted", "linux"];

    private static EngineHarnessOptions ScaleSetPool => new()
    {
        Pools = [new PoolSpecBuilder().Build() with { ScaleSet = PoolSpecBuilder.DefaultName }],
        Configure = o => o with { Loops = o.Loops with { CloseUnknownJobsAfter = 1 } },
        ConfigureServices = services => services.AddSingleton<IScaleSetService>(new IdleScaleSetService(RecordingForge.DefaultName)),
    };

    private static async Task StoreScaleSetJobAsync(EngineHarness h, JobStatus status, string? runnerName, CancellationToken ct) =>
        await h.SubmitAsync(h.JobEvent(RunnerRequestId, status, runnerName) with { RunId = RunId, Name = "build (linux)" }, ct);

    private static async Task<Job> LookedUpAsync(EngineHarness h, CancellationToken ct)
    {
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter);
        await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        return (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, RunnerRequestId), ct)).ShouldNotBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_ScaleSetJobCompletedAtForge_CompletedFromItsRunNotClosedAsUnknown()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(ScaleSetPool, ct);
        await StoreScaleSetJobAsync(h, JobStatus.Queued, null, ct);
        // Its JobCompleted message was lost; the REST API knows the job under its own id, in the same run.
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(30_000_000_555, JobStatus.Completed, null, null, "cancelled", Labels) { RunId = RunId, Name = "build (linux)" });
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(30_000_000_556, JobStatus.Queued, null, null, null, Labels) { RunId = RunId, Name = "test (linux)" });

        var job = await LookedUpAsync(h, ct);

        job.Status.ShouldBe(JobStatus.Completed);
        job.Conclusion.ShouldBe("cancelled");
        job.CloseReason.ShouldBeNull();
        h.Forge.Calls.ShouldNotContain(c => c.Kind == ForgeCallKind.GetJob, "a runnerRequestId is no REST id");
        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 30_000_000_555), ct)).ShouldBeNull("the REST job is the same job, not a new one");
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_ScaleSetJobStillQueuedAtForge_StaysOpenPastCloseUnknownAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(ScaleSetPool, ct);
        await StoreScaleSetJobAsync(h, JobStatus.Queued, null, ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(30_000_000_555, JobStatus.Queued, null, null, null, Labels) { RunId = RunId, Name = "build (linux)" });

        await LookedUpAsync(h, ct);
        var job = await LookedUpAsync(h, ct);

        job.Status.ShouldBe(JobStatus.Queued);
        job.CloseReason.ShouldBeNull();
        job.MissedChecks.ShouldBe(0);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_StartedScaleSetJobFinished_MatchedByItsRunnerAmongJobsOfTheSameName()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(ScaleSetPool, ct);
        await StoreScaleSetJobAsync(h, JobStatus.InProgress, "hgr-linux-abc", ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(30_000_000_555, JobStatus.InProgress, "hgr-linux-other", 5, null, Labels) { RunId = RunId, Name = "build (linux)" });
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(30_000_000_556, JobStatus.Completed, "hgr-linux-abc", 6, "success", Labels) { RunId = RunId, Name = "build (linux)" });

        var job = await LookedUpAsync(h, ct);

        job.Status.ShouldBe(JobStatus.Completed);
        job.Conclusion.ShouldBe("success");
        job.RunnerName.ShouldBe("hgr-linux-abc");
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_ScaleSetJobsRunGone_MissCountedAndClosedAfterThreshold()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(ScaleSetPool, ct);
        await StoreScaleSetJobAsync(h, JobStatus.Queued, null, ct);

        var job = await LookedUpAsync(h, ct);

        job.CloseReason.ShouldNotBeNull();
        h.Forge.Calls.ShouldNotContain(c => c.Kind == ForgeCallKind.GetJob);
    }
}
