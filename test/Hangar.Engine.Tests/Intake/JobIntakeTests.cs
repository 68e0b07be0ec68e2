using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Sqlite;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Intake;

public sealed class JobIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SubmitAsync_NewJob_IsDurablyStoredBeforeItReturns()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);

        var outcome = await h.SubmitAsync(h.JobEvent(42, deliveryId: "d-42"), ct);

        outcome.ShouldBe(JobEventOutcome.Created);
        // A second connection to the same file, as another process would read it: nothing cached, only what is committed.
        await using var other = new SqliteStore(new SqliteStoreOptions { Path = h.DatabasePath });
        var job = await other.GetJobAsync(new JobKey(h.Pool.Forge, 42), ct).WaitAsync(h.Timeout, ct);
        job.ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Queued);
        job.Repository.ShouldBe(PoolSpecBuilder.Repository);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SubmitAsync_NewJob_NudgesConvergeSignal()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var woken = h.Signal.WaitAsync(TimeSpan.FromHours(1), h.Clock, ct);
        woken.IsCompleted.ShouldBeFalse();

        await h.QueueJobAsync(1, ct);

        (await woken.WaitAsync(h.Timeout, ct)).ShouldBeTrue();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SubmitAsync_JobMovesForward_NudgesConvergeSignal()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.QueueJobAsync(1, ct);
        (await h.Signal.WaitAsync(TimeSpan.FromHours(1), h.Clock, ct).WaitAsync(h.Timeout, ct)).ShouldBeTrue();
        var woken = h.Signal.WaitAsync(TimeSpan.FromHours(1), h.Clock, ct);

        var outcome = await h.StartJobAsync(1, "hgr-linux-aaaaaaaaaa", 7, ct);

        outcome.ShouldBe(JobEventOutcome.Updated);
        (await woken.WaitAsync(h.Timeout, ct)).ShouldBeTrue();
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SubmitAsync_DuplicateDelivery_DoesNotNudge()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.SubmitAsync(h.JobEvent(1, deliveryId: "d-1"), ct);
        (await h.Signal.WaitAsync(TimeSpan.FromHours(1), h.Clock, ct).WaitAsync(h.Timeout, ct)).ShouldBeTrue();

        var outcome = await h.SubmitAsync(h.JobEvent(1, deliveryId: "d-1"), ct);

        outcome.ShouldBe(JobEventOutcome.Duplicate);
        await ShouldNotBeNudgedAsync(h);
    }

    [Fact(Timeout = TestTimeouts.Test)]
    public async Task SubmitAsync_LateQueuedAfterInProgress_IsStaleAndDoesNotNudge()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        await h.StartJobAsync(1, "hgr-linux-aaaaaaaaaa", 7, ct);
        (await h.Signal.WaitAsync(TimeSpan.FromHours(1), h.Clock, ct).WaitAsync(h.Timeout, ct)).ShouldBeTrue();

        var outcome = await h.QueueJobAsync(1, ct);

        outcome.ShouldBe(JobEventOutcome.Stale);
        (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct))!.Status.ShouldBe(JobStatus.InProgress);
        await ShouldNotBeNudgedAsync(h);
    }

    /// <summary>The next wait ends by its timeout (driven on the fake clock), not by a nudge.</summary>
    private static async Task ShouldNotBeNudgedAsync(EngineHarness h)
    {
        var next = h.Signal.WaitAsync(TimeSpan.FromSeconds(10), h.Clock, Ct);
        next.IsCompleted.ShouldBeFalse();
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        (await next.WaitAsync(h.Timeout, Ct)).ShouldBeFalse();
    }
}
