using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Pools;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>
/// Which jobs a converge pass reads: however many open jobs pile up (webhooks lost, runs gone), a new queued job is
/// routed and served (issue 9 item 2: converge used to read open jobs oldest first, 10,000 at most).
/// </summary>
public sealed class ConvergeJobReadsTests
{
    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_TenThousandAndOneZombieRowsThenANewQueuedJob_NewJobServed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await ZombieJobs.StoreAsync(h, 4_000, JobStatus.InProgress, ct: ct);
        await ZombieJobs.StoreAsync(h, 3_000, JobStatus.Waiting, firstId: ZombieJobs.FirstId + 4_000, ct: ct);
        await ZombieJobs.StoreAsync(h, 3_001, JobStatus.Queued, labels: ["self-hosted", "gpu"], firstId: ZombieJobs.FirstId + 7_000, ct: ct);
        await ZombieJobs.RouteAsync(h, pool: null, ct);

        await h.QueueJobAsync(1, ct);
        await h.ConvergeAsync(ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Pool.ShouldBe(h.Pool.Name);
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_TenThousandAndOneQueuedJobsOfAnotherPool_NewJobOfThisPoolServed()
    {
        var ct = TestContext.Current.CancellationToken;
        var linux = new PoolSpecBuilder().Build();
        var gpu = new PoolSpecBuilder("gpu").WithLabels("gpu").WithMaxRunners(1).Build();
        await using var h = await EngineHarness.StartAsync(new EngineHarnessOptions { Pools = [linux, gpu] }, ct);
        await ZombieJobs.StoreAsync(h, 10_001, JobStatus.Queued, labels: ["self-hosted", "gpu"], ct: ct);
        await ZombieJobs.RouteAsync(h, gpu.Name, ct);

        await h.QueueJobAsync(1, ct);
        var plan = await h.ConvergeAsync(ct);

        plan.Creates.ShouldBe([new PoolCreate(linux.Name, 1), new PoolCreate(gpu.Name, 1)], ignoreOrder: true);
        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Pool.ShouldBe(linux.Name);
        (await h.LiveInstancesAsync(ct)).Count(i => i.Pool == linux.Name).ShouldBe(1);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_JobRoutedToAPoolSinceRemoved_RoutedAgainAndServed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.Store.SetJobRouteAsync(new JobKey(h.Pool.Forge, 1), "removed-pool", null, h.Clock.GetUtcNow(), ct);

        await h.ConvergeAsync(ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull().Pool.ShouldBe(h.Pool.Name);
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_UnroutableJobServableOnceAPoolIsAdded_RoutedAgainAndServed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        await h.Store.SetJobRouteAsync(new JobKey(h.Pool.Forge, 1), null, "no pool had these labels before a restart", h.Clock.GetUtcNow(), ct);

        await h.ConvergeAsync(ct);

        var job = (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull();
        (job.Pool, job.UnroutableReason).ShouldBe((h.Pool.Name, null));
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem();
    }
}
