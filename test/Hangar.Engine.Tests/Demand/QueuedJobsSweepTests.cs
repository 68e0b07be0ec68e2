using System.Threading.Channels;
using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Engine.Demand;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hangar.Engine.Tests.Demand;

/// <summary>The queued-jobs sweep: the pull demand source that finds jobs no webhook announced (moved here from
/// <c>StaleJobsPassTests</c> when it left the stale-jobs pass).</summary>
public sealed class QueuedJobsSweepTests
{
    private static readonly EngineHarnessOptions RepositoryPool = new()
    {
        Pools = [new PoolSpecBuilder().ForForge(RecordingForge.DefaultName, ForgeTarget.Repository(PoolSpecBuilder.Repository)).Build()],
    };

    private static QueuedJobsSweep Sweep(EngineHarness h) => h.Services.GetRequiredService<QueuedJobsSweep>();

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SweepAsync_QueuedJobNoWebhookAnnounced_DiscoveredAndServed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(7, JobStatus.Queued, null, null, null, ["self-hosted", "linux"]) { RunId = 70 });

        await h.RunPassAsync(c => Sweep(h).SweepAsync(h.Intake, c), ct);
        await h.ConvergeAsync(ct);

        var job = (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Queued);
        job.Repository.ShouldBe(PoolSpecBuilder.Repository);
        job.RunId.ShouldBe(70);
        job.Pool.ShouldBe(h.Pool.Name);
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SweepAsync_JobAlreadyKnown_StoresNothingNew()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        await h.SubmitAsync(h.JobEvent(7, JobStatus.InProgress, "someone-elses-runner", 99), ct);
        // The forge's list is a moment old: it still shows the job queued. It must not move back.
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(7, JobStatus.Queued, null, null, null, ["self-hosted", "linux"]));

        await h.RunPassAsync(c => Sweep(h).SweepAsync(h.Intake, c), ct);
        await h.ConvergeAsync(ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.InProgress);
        (await h.LiveInstancesAsync(ct)).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SweepAsync_WaitingJobApprovedAndItsQueuedWebhookLost_QueuedAndServed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        await h.SubmitAsync(h.JobEvent(7, JobStatus.Waiting), ct);
        // The forge's run listings may leave labels out: the stored ones are kept.
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(7, JobStatus.Queued, null, null, null, []));

        await h.RunPassAsync(c => Sweep(h).SweepAsync(h.Intake, c), ct);
        await h.ConvergeAsync(ct);

        var job = (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Queued);
        job.Labels.ShouldBe(["self-hosted", "linux"]);
        (await h.LiveInstancesAsync(ct)).ShouldHaveSingleItem().State.ShouldBe(InstanceState.Booting);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SweepAsync_TenThousandRecentJobsOfOneRepository_AnotherRepositorysLostJobStillFound()
    {
        var ct = TestContext.Current.CancellationToken;
        // The default pool serves the organization: its repositories are the ones Hangar has seen jobs from.
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await ZombieJobs.StoreAsync(h, 10_001, JobStatus.Completed, ct: ct);
        await h.SubmitAsync(h.JobEvent(1, JobStatus.Completed) with { Repository = "acme/lib" }, ct);
        h.Forge.SetJob("acme/lib", new ForgeJob(2, JobStatus.Queued, null, null, null, ["self-hosted", "linux"]));

        await h.RunPassAsync(c => Sweep(h).SweepAsync(h.Intake, c), ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 2), ct)).ShouldNotBeNull().Repository.ShouldBe("acme/lib");
        h.Forge.Calls.Where(c => c.Kind == ForgeCallKind.ListQueuedJobs).Select(c => c.Name).ShouldBe([PoolSpecBuilder.Repository, "acme/lib"], ignoreOrder: true);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SweepAsync_Running_ItsForgeCallsAreASweepOfItsName()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);

        await h.RunPassAsync(c => Sweep(h).SweepAsync(h.Intake, c), ct);

        h.Forge.Calls.ShouldHaveSingleItem().Caller.ShouldBe(new ForgeCaller(QueuedJobsSweep.SourceName, ForgePriority.Sweep));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SweepAsync_BudgetDefersOneRepository_CountedDeferredWithoutAWarningAndTheNextTickSweepsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        using var actions = new LoopActions(h);
        using var logs = new PassLogs();
        var sweep = ActivatorUtilities.CreateInstance<QueuedJobsSweep>(h.Services, logs.For<QueuedJobsSweep>());
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(7, JobStatus.Queued, null, null, null, ["self-hosted", "linux"]));
        h.Forge.FailNext(ForgeCallKind.ListQueuedJobs, 1, new ForgeBudgetExceededException("sweeps paced", ForgePriority.Sweep, null));

        await h.RunPassAsync(c => sweep.SweepAsync(h.Intake, c), ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldBeNull();
        actions.Total(QueuedJobsSweep.SourceName, "deferred").ShouldBe(1);
        logs.ShouldHaveDeferredWithoutWarning("SweepDeferred");

        await h.RunPassAsync(c => sweep.SweepAsync(h.Intake, c), ct);

        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 7), ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Queued);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_Running_SweepsAtOnceThenEveryInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(7, JobStatus.Queued, null, null, null, ["self-hosted", "linux"]));
        var sink = new RecordingSink();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var run = Sweep(h).RunAsync(sink, stop.Token);
        var first = await sink.NextAsync(h.Timeout, ct);
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobsInterval);
        var second = await sink.NextAsync(h.Timeout, ct);
        await stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run.WaitAsync(h.Timeout, ct));
        new[] { first, second }.ShouldAllBe(e => e.Key == new JobKey(h.Pool.Forge, 7, 0) && e.DeliveryId == null);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task RunAsync_StoreFailsOnce_NextTickSweepsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(RepositoryPool, ct);
        h.Forge.SetJob(PoolSpecBuilder.Repository, new ForgeJob(7, JobStatus.Queued, null, null, null, ["self-hosted", "linux"]));
        var sink = new RecordingSink(failFirst: true);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var run = Sweep(h).RunAsync(sink, stop.Token);
        await sink.NextAsync(h.Timeout, ct);
        h.Clock.Advance(h.EngineOptions.Loops.StaleJobsInterval);
        (await sink.NextAsync(h.Timeout, ct)).JobId.ShouldBe(7);
        await stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run.WaitAsync(h.Timeout, ct));
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task AddHangarEngine_SweepQueuedRuns_SweepIsADemandSourceWithItsOwnHost()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);

        var source = h.Services.GetServices<IDemandSource>().ShouldHaveSingleItem();
        source.ShouldBeSameAs(Sweep(h));
        h.Services.GetServices<IHostedService>().OfType<DemandSourceHost>().ShouldHaveSingleItem().Source.ShouldBeSameAs(source);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task AddHangarEngine_SweepQueuedRunsOff_NoSweepRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(
            new EngineHarnessOptions { Configure = o => o with { Loops = o.Loops with { SweepQueuedRuns = false } } }, ct);

        h.Services.GetServices<IDemandSource>().ShouldBeEmpty();
        h.Services.GetServices<IHostedService>().OfType<DemandSourceHost>().ShouldBeEmpty();
    }

    /// <summary>Hands on what a source submits without storing it, so every sweep finds the job again.</summary>
    private sealed class RecordingSink(bool failFirst = false) : IJobEventSink
    {
        private readonly Channel<JobEvent> _submitted = Channel.CreateUnbounded<JobEvent>();
        private int _calls;

        public Task<JobEventOutcome> SubmitAsync(JobEvent jobEvent, CancellationToken cancellationToken = default)
        {
            _submitted.Writer.TryWrite(jobEvent);
            return Interlocked.Increment(ref _calls) == 1 && failFirst
                ? Task.FromException<JobEventOutcome>(new InvalidOperationException("database is locked"))
                : Task.FromResult(JobEventOutcome.Created);
        }

        public async Task<JobEvent> NextAsync(TimeSpan timeout, CancellationToken ct) =>
            await _submitted.Reader.ReadAsync(ct).AsTask().WaitAsync(timeout, ct);
    }
}
