using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

public abstract partial class StoreContractTests<TBackend>
{
    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_NewJob_CreatedWithEveryField()
    {
        var ct = TestContext.Current.CancellationToken;
        var queued = T0.AddMinutes(-2);
        var ev = Event(1, JobStatus.Queued, "d1") with { Enterprise = "big", CreatedAt = queued, Labels = ["self-hosted", "Linux", "x64"] };

        (await Store.RecordJobEventAsync(ev, T0, ct)).ShouldBe(JobEventOutcome.Created);

        var job = await GetJobAsync(1);
        job.ShouldBeEquivalentTo(new Job
        {
            Forge = "github",
            Id = 1,
            Status = JobStatus.Queued,
            Repository = "acme/app",
            Owner = "acme",
            Enterprise = "big",
            Labels = new[] { "self-hosted", "Linux", "x64" },
            RunId = 7,
            Name = "build",
            ReceivedAt = T0,
            QueuedAt = queued,
            UpdatedAt = T0,
        });
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_CompletedJobFirstSeen_StoresRunnerConclusionAndTimes()
    {
        var ct = TestContext.Current.CancellationToken;
        var ev = Event(1, JobStatus.Completed) with { RunnerName = "r1", RunnerId = 42, Conclusion = "success" };

        (await Store.RecordJobEventAsync(ev, T0, ct)).ShouldBe(JobEventOutcome.Created);

        var job = await GetJobAsync(1);
        (job.RunnerName, job.RunnerId, job.Conclusion).ShouldBe(("r1", 42L, "success"));
        job.QueuedAt.ShouldBe(T0);
        job.StartedAt.ShouldBeNull();
        job.CompletedAt.ShouldBe(T0);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_SameDeliveryTwice_SecondIsDuplicateAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0, ct);
        var before = await GetJobAsync(1);

        var again = Event(1, JobStatus.InProgress, "d1") with { RunnerName = "r1" };
        (await Store.RecordJobEventAsync(again, T0.AddSeconds(5), ct)).ShouldBe(JobEventOutcome.Duplicate);

        (await GetJobAsync(1)).ShouldBeEquivalentTo(before);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_ParallelSameDelivery_ExactlyOneCreated()
    {
        var ct = TestContext.Current.CancellationToken;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24)
            .Select(_ => Task.Run(() => Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0, ct), ct)));

        outcomes.Count(o => o == JobEventOutcome.Created).ShouldBe(1);
        outcomes.Count(o => o == JobEventOutcome.Duplicate).ShouldBe(23);
        (await Store.ListJobsAsync(new JobQuery(), ct)).Count.ShouldBe(1);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_ParallelDeliveriesOfOneJob_ExactlyOneCreated()
    {
        var ct = TestContext.Current.CancellationToken;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24)
            .Select(i => Task.Run(() => Store.RecordJobEventAsync(Event(1, JobStatus.Queued, $"d{i}"), T0, ct), ct)));

        outcomes.Count(o => o == JobEventOutcome.Created).ShouldBe(1);
        outcomes.Count(o => o == JobEventOutcome.Stale).ShouldBe(23);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_LateQueuedAfterInProgress_StaleAndDeliveryRemembered()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0, ct);
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress, "d2") with { RunnerName = "r1" }, T0.AddSeconds(1), ct);
        var before = await GetJobAsync(1);

        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d3"), T0.AddSeconds(2), ct)).ShouldBe(JobEventOutcome.Stale);

        (await GetJobAsync(1)).ShouldBeEquivalentTo(before);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d3"), T0.AddSeconds(3), ct)).ShouldBe(JobEventOutcome.Duplicate);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_InProgressBeforeQueued_StaysInProgress()
    {
        var ct = TestContext.Current.CancellationToken;
        var inProgress = Event(1, JobStatus.InProgress, "d2") with { RunnerName = "r1", RunnerId = 9 };
        (await Store.RecordJobEventAsync(inProgress, T0, ct)).ShouldBe(JobEventOutcome.Created);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0.AddSeconds(1), ct)).ShouldBe(JobEventOutcome.Stale);

        var job = await GetJobAsync(1);
        job.Status.ShouldBe(JobStatus.InProgress);
        job.StartedAt.ShouldBe(T0);
        job.UpdatedAt.ShouldBe(T0);
        job.RunnerName.ShouldBe("r1");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_FullLifecycleThenLateEvents_NeverMovesBackOrClearsTimes()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0, ct);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress, "d2") with { RunnerName = "r1", RunnerId = 9 }, T0.AddSeconds(10), ct))
            .ShouldBe(JobEventOutcome.Updated);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Completed, "d3") with { RunnerName = "r1", RunnerId = 9, Conclusion = "failure" }, T0.AddSeconds(70), ct))
            .ShouldBe(JobEventOutcome.Updated);

        (await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress, "d4"), T0.AddSeconds(80), ct)).ShouldBe(JobEventOutcome.Stale);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d5"), T0.AddSeconds(90), ct)).ShouldBe(JobEventOutcome.Stale);

        var job = await GetJobAsync(1);
        job.Status.ShouldBe(JobStatus.Completed);
        job.QueuedAt.ShouldBe(T0);
        job.StartedAt.ShouldBe(T0.AddSeconds(10));
        job.CompletedAt.ShouldBe(T0.AddSeconds(70));
        job.UpdatedAt.ShouldBe(T0.AddSeconds(70));
        (job.RunnerName, job.RunnerId, job.Conclusion).ShouldBe(("r1", 9L, "failure"));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_WaitingThenQueued_MovesForwardAndQueuesAtApproval()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = T0.AddHours(-1);
        await Store.RecordJobEventAsync(Event(1, JobStatus.Waiting, "d1") with { CreatedAt = created }, T0, ct);
        (await GetJobAsync(1)).QueuedAt.ShouldBe(created);

        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "d2") with { CreatedAt = created }, T0.AddMinutes(30), ct))
            .ShouldBe(JobEventOutcome.Updated);

        var job = await GetJobAsync(1);
        job.Status.ShouldBe(JobStatus.Queued);
        job.QueuedAt.ShouldBe(T0.AddMinutes(30));
        job.ReceivedAt.ShouldBe(T0);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Waiting, "d3"), T0.AddMinutes(31), ct)).ShouldBe(JobEventOutcome.Stale);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_EqualStatusAddsRunnerAndConclusion_Updated()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress, "d1"), T0, ct);

        (await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress, "d2") with { RunnerName = "r1", RunnerId = 5 }, T0.AddSeconds(1), ct))
            .ShouldBe(JobEventOutcome.Updated);

        var job = await GetJobAsync(1);
        (job.RunnerName, job.RunnerId).ShouldBe(("r1", 5L));
        job.UpdatedAt.ShouldBe(T0.AddSeconds(1));
        job.StartedAt.ShouldBe(T0);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_EqualStatusAddsLabelsWhenStoredHasNone_Updated()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Labels = [] }, T0, ct);

        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Labels = ["gpu"] }, T0.AddSeconds(1), ct)).ShouldBe(JobEventOutcome.Updated);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Labels = ["arm"] }, T0.AddSeconds(2), ct)).ShouldBe(JobEventOutcome.Stale);

        (await GetJobAsync(1)).Labels.ShouldBe(["gpu"]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_EqualStatusNothingNew_StaleAndUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "r1" }, T0, ct);
        var before = await GetJobAsync(1);

        // Without delivery ids nothing is deduplicated by id: the status rule alone decides.
        (await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress), T0.AddSeconds(1), ct)).ShouldBe(JobEventOutcome.Stale);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "other" }, T0.AddSeconds(2), ct))
            .ShouldBe(JobEventOutcome.Stale);

        (await GetJobAsync(1)).ShouldBeEquivalentTo(before);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_ForwardMoveOfRoutedJob_KeepsRoute()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, ct);
        await Store.SetJobRouteAsync(Key(1), "linux", null, T0.AddSeconds(1), ct);

        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress), T0.AddSeconds(2), ct);

        (await GetJobAsync(1)).Pool.ShouldBe("linux");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_SameIdOnTwoForges_TwoJobs()
    {
        var ct = TestContext.Current.CancellationToken;
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, ct)).ShouldBe(JobEventOutcome.Created);
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Forge = "gitea" }, T0, ct)).ShouldBe(JobEventOutcome.Created);

        (await Store.GetJobAsync(new JobKey("gitea", 1), ct)).ShouldNotBeNull();
        (await Store.ListJobsAsync(new JobQuery(), ct)).Count.ShouldBe(2);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_ReRunUnderSameId_NewAttemptIsANewJob()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Attempt = 1 }, T0, ct);
        await Store.RecordJobEventAsync(Event(1, JobStatus.Completed) with { Attempt = 1, Conclusion = "failure" }, T0.AddSeconds(1), ct);

        // The forge re-runs the job under the same id: a queued event that would be stale for attempt 1.
        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Attempt = 2 }, T0.AddSeconds(2), ct)).ShouldBe(JobEventOutcome.Created);

        var rerun = (await Store.GetJobAsync(Key(1) with { Attempt = 2 }, ct)).ShouldNotBeNull();
        (rerun.Attempt, rerun.Status, rerun.Conclusion, rerun.ReceivedAt).ShouldBe((2L, JobStatus.Queued, (string?)null, T0.AddSeconds(2)));
        (await Store.GetJobAsync(Key(1) with { Attempt = 1 }, ct)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Completed);
        (await Store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Queued] }, ct)).ShouldHaveSingleItem().Key.ShouldBe(Key(1) with { Attempt = 2 });
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_LateEventOfEarlierAttempt_LeavesLaterAttemptAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Completed) with { Attempt = 1, RunnerName = "r1" }, T0, ct);
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Attempt = 2 }, T0.AddSeconds(1), ct);
        var before = (await Store.GetJobAsync(Key(1) with { Attempt = 2 }, ct)).ShouldNotBeNull();

        (await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { Attempt = 1, RunnerName = "r1" }, T0.AddSeconds(2), ct))
            .ShouldBe(JobEventOutcome.Stale);

        (await Store.GetJobAsync(Key(1) with { Attempt = 2 }, ct)).ShouldBeEquivalentTo(before);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task SetJobRouteAsync_OneAttempt_OnlyThatAttemptRouted()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Attempt = 1 }, T0, ct);
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued) with { Attempt = 2 }, T0, ct);

        await Store.SetJobRouteAsync(Key(1) with { Attempt = 2 }, "linux", null, T0.AddSeconds(1), ct);

        (await Store.GetJobAsync(Key(1) with { Attempt = 2 }, ct)).ShouldNotBeNull().Pool.ShouldBe("linux");
        (await Store.GetJobAsync(Key(1) with { Attempt = 1 }, ct)).ShouldNotBeNull().Pool.ShouldBeNull();
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.SetJobRouteAsync(Key(1) with { Attempt = 3 }, "linux", null, T0, ct));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task GetJobAsync_AttemptNotStored_ReturnsNull()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, ct);

        (await Store.GetJobAsync(Key(1) with { Attempt = 1 }, ct)).ShouldBeNull();
        (await Store.GetJobAsync(Key(1), ct)).ShouldNotBeNull().Attempt.ShouldBe(0);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task GetJobAsync_UnknownJob_ReturnsNull()
    {
        var ct = TestContext.Current.CancellationToken;
        (await Store.GetJobAsync(Key(404), ct)).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task PruneDeliveriesAsync_SomeOlder_RemovesOnlyThoseAndForgetsTheirIds()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "old"), T0, ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued, "edge"), T0.AddHours(1), ct);
        await Store.RecordJobEventAsync(Event(3, JobStatus.Queued, "new"), T0.AddHours(2), ct);

        (await Store.PruneDeliveriesAsync(T0.AddHours(1), ct)).ShouldBe(1);
        (await Store.PruneDeliveriesAsync(T0.AddHours(1), ct)).ShouldBe(0);

        (await Store.RecordJobEventAsync(Event(1, JobStatus.Queued, "old"), T0.AddHours(3), ct)).ShouldBe(JobEventOutcome.Stale);
        (await Store.RecordJobEventAsync(Event(2, JobStatus.Queued, "edge"), T0.AddHours(3), ct)).ShouldBe(JobEventOutcome.Duplicate);
        (await Store.RecordJobEventAsync(Event(3, JobStatus.Queued, "new"), T0.AddHours(3), ct)).ShouldBe(JobEventOutcome.Duplicate);
        (await GetJobAsync(1)).Status.ShouldBe(JobStatus.Queued);
    }
}
