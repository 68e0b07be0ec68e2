using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Engine.Demand;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Engine.Tests.Demand;

/// <summary>The job-queue poller (Forgejo's demand source) against a real store and engine: waiting jobs are demand,
/// jobs gone from the queue are completed, and a re-run of a completed job is a new job to Hangar on every version.</summary>
public sealed class ForgeJobQueuePollerTests
{
    private static readonly EngineHarnessOptions RepositoryPool = new()
    {
        Pools = [new PoolSpecBuilder().ForForge(RecordingForge.DefaultName, ForgeTarget.Repository(PoolSpecBuilder.Repository)).Build()],
    };

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task PollAsync_WaitingJob_QueuedRoutedAndServed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        var queue = new FakeJobQueue(h.Pool.Forge);
        queue.Set(Waiting(7, attempt: null));

        await h.RunPassAsync(c => Poller(h, queue).PollAsync(queue, h.Intake, c), ct);
        await h.ConvergeAsync(ct);

        var job = (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Queued);
        job.Pool.ShouldBe(h.Pool.Name);
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Booting);
        // The pool's full label set is always sent (omitted labels mean "nothing" on Forgejo 11-13).
        queue.Reads.ShouldHaveSingleItem().Labels.ShouldBe(h.Pool.Labels.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task PollAsync_CompletedJobRerunWithoutAttempt_CountedAsNewAttemptAndServed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        var queue = new FakeJobQueue(h.Pool.Forge);
        var poller = Poller(h, queue);
        queue.Set(Waiting(7, attempt: null));
        await h.RunPassAsync(c => poller.PollAsync(queue, h.Intake, c), ct);
        queue.Set(Waiting(7, attempt: null) with { Running = true });
        await h.RunPassAsync(c => poller.PollAsync(queue, h.Intake, c), ct);
        queue.Set();
        await h.RunPassAsync(c => poller.PollAsync(queue, h.Intake, c), ct);
        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);

        // Forgejo 11-14 re-runs by resetting the same row to waiting.
        queue.Set(Waiting(7, attempt: null));
        await h.RunPassAsync(c => Poller(h, queue).PollAsync(queue, h.Intake, c), ct);
        await h.ConvergeAsync(ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);
        var rerun = (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7, 1), ct)).ShouldNotBeNull();
        rerun.Status.ShouldBe(JobStatus.Queued);
        rerun.Pool.ShouldBe(h.Pool.Name);
        (await h.LiveInstancesAsync(ct)).ShouldNotBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task PollAsync_ForgeNamesAttempt_KeyedByIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        var queue = new FakeJobQueue(h.Pool.Forge);
        queue.Set(Waiting(7, attempt: 2) with { Handle = "h-7-2" });

        await h.RunPassAsync(c => Poller(h, queue).PollAsync(queue, h.Intake, c), ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7, 2), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Queued);
        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task PollAsync_ReadFails_OpenJobsStayOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        var queue = new FakeJobQueue(h.Pool.Forge);
        var poller = Poller(h, queue);
        queue.Set(Waiting(7, attempt: null));
        await h.RunPassAsync(c => poller.PollAsync(queue, h.Intake, c), ct);

        queue.Fail = true;
        await h.RunPassAsync(c => poller.PollAsync(queue, h.Intake, c), ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Queued);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task PollAsync_AfterRestartJobGoneFromQueue_Completed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        await h.StartJobAsync(7, "hgr-linux-gone", cancellationToken: ct);
        var queue = new FakeJobQueue(h.Pool.Forge);

        // A fresh poller knows nothing but the store: the job it holds open is not in the queue, so it has finished.
        await h.RunPassAsync(c => Poller(h, queue).PollAsync(queue, h.Intake, c), ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task PollAsync_JobWaitsLongInTheQueue_StaleJobsPassNeverClosesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        var queue = new FakeJobQueue(h.Pool.Forge);
        var poller = Poller(h, queue);
        queue.Set(Waiting(7, attempt: null));

        // Forgejo cannot look one job up, so the stale-jobs pass hears "unknown" for it; each sighting in the queue
        // counts as a look-up that found it, so a job that waits long is never closed as gone.
        for (var round = 0; round < h.EngineOptions.Loops.CloseUnknownJobsAfter + 2; round++)
        {
            h.Clock.Advance(h.EngineOptions.Loops.StaleJobAfter + TimeSpan.FromSeconds(1));
            await h.RunPassAsync(c => poller.PollAsync(queue, h.Intake, c), ct);
            await h.RunPassAsync(h.StaleJobsPass.RunAsync, ct);
        }

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Queued);
    }

    private static QueuedForgeJob Waiting(long id, long? attempt) =>
        new(id, attempt, Running: false, PoolSpecBuilder.Repository, PoolSpecBuilder.Organization, ["linux"]) { Name = "build" };

    private static ForgeJobQueuePoller Poller(EngineHarness h, FakeJobQueue queue) => new(
        [queue],
        h.Store,
        h.Services.GetRequiredService<PoolCatalog>(),
        h.Services.GetRequiredService<EngineMetrics>(),
        h.EngineOptions,
        h.Time,
        NullLogger<ForgeJobQueuePoller>.Instance);
}
