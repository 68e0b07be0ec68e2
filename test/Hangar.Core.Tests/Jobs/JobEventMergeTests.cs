using Hangar.Core.Jobs;

namespace Hangar.Core.Tests.Jobs;

/// <summary>The forward-only rule on its own; every store applies it and the store contract suite checks it end to end.</summary>
public class JobEventMergeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static JobEvent Event(JobStatus status, long attempt = 0) => new()
    {
        Forge = "gitea",
        JobId = 9,
        Attempt = attempt,
        Status = status,
        Repository = "acme/app",
        Labels = ["linux"],
    };

    [Fact]
    public void Create_EventWithAttempt_JobCarriesTheEventsKey()
    {
        var job = JobEventMerge.Create(Event(JobStatus.Queued, attempt: 2), T0);

        job.Key.ShouldBe(new JobKey("gitea", 9, 2));
        (job.ReceivedAt, job.QueuedAt, job.UpdatedAt).ShouldBe((T0, T0, T0));
    }

    [Fact]
    public void Merge_OlderStatus_Stale()
    {
        var stored = JobEventMerge.Create(Event(JobStatus.Completed), T0);

        JobEventMerge.Merge(stored, Event(JobStatus.Queued), T0.AddSeconds(1)).ShouldBeNull();
    }

    [Fact]
    public void Merge_LaterStatus_MovesForwardAndStampsItsTime()
    {
        var stored = JobEventMerge.Create(Event(JobStatus.Queued), T0);

        var merged = JobEventMerge.Merge(stored, Event(JobStatus.InProgress) with { RunnerName = "r1" }, T0.AddSeconds(5)).ShouldNotBeNull();

        (merged.Status, merged.RunnerName, merged.StartedAt, merged.QueuedAt).ShouldBe((JobStatus.InProgress, "r1", (DateTimeOffset?)T0.AddSeconds(5), T0));
    }

    [Fact]
    public void Merge_EventOfAnotherAttempt_Refused()
    {
        var stored = JobEventMerge.Create(Event(JobStatus.Completed, attempt: 1), T0);

        Should.Throw<ArgumentException>(() => JobEventMerge.Merge(stored, Event(JobStatus.Queued, attempt: 2), T0.AddSeconds(1)));
    }

    [Fact]
    public void Merge_WaitingJobTheForgeNowReportsQueued_MovesForwardAndItsQueueTimeStartsAtTheApproval()
    {
        var stored = JobEventMerge.Create(Event(JobStatus.Waiting), T0);

        var merged = JobEventMerge.Merge(stored, Event(JobStatus.Queued), T0.AddHours(2)).ShouldNotBeNull();

        (merged.Status, merged.QueuedAt, merged.UpdatedAt).ShouldBe((JobStatus.Queued, T0.AddHours(2), T0.AddHours(2)));
    }

    [Fact]
    public void Merge_WaitingJobTheForgeStillReportsWaiting_Stale()
    {
        var stored = JobEventMerge.Create(Event(JobStatus.Waiting), T0);

        JobEventMerge.Merge(stored, Event(JobStatus.Waiting), T0.AddMinutes(5)).ShouldBeNull();
    }
}
