using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>Look-ups of open jobs at the forge: which are due, and what a look-up changes (issue 9 item 2).</summary>
public abstract partial class StoreContractTests<TBackend>
{
    private async Task<long[]> DueIdsAsync(DateTimeOffset quietSince, int limit = 100) =>
        (await Store.ListJobsToCheckAsync(quietSince, limit, Ct)).Select(j => j.Id).ToArray();

    /// <summary>Open jobs changed one minute apart (1 waiting, 2 queued, 3 in progress), a completed one and a recent one.</summary>
    private async Task SeedJobsToCheckAsync()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Waiting), T0, Ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued), T0.AddMinutes(1), Ct);
        await Store.RecordJobEventAsync(Event(3, JobStatus.InProgress), T0.AddMinutes(2), Ct);
        await Store.RecordJobEventAsync(Event(4, JobStatus.Completed), T0, Ct);
        await Store.RecordJobEventAsync(Event(5, JobStatus.Queued), T0.AddMinutes(10), Ct);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsToCheckAsync_OpenJobsQuietLongEnough_LongestQuietFirstWithinTheLimit()
    {
        await SeedJobsToCheckAsync();

        (await DueIdsAsync(T0.AddMinutes(5))).ShouldBe([1, 2, 3]);
        (await DueIdsAsync(T0.AddMinutes(5), limit: 2)).ShouldBe([1, 2]);
        (await DueIdsAsync(T0.AddMinutes(1))).ShouldBe([1, 2]);
        (await DueIdsAsync(T0.AddMinutes(10))).ShouldBe([1, 2, 3, 5]);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListJobsToCheckAsync_JobLookedUp_WaitsItsTurnBehindTheOthers()
    {
        await SeedJobsToCheckAsync();

        await Store.RecordJobChecksAsync([new JobCheck(Key(1), Found: true)], 3, T0.AddMinutes(6), Ct);

        (await DueIdsAsync(T0.AddMinutes(5))).ShouldBe([2, 3]);
        (await DueIdsAsync(T0.AddMinutes(7))).ShouldBe([2, 3, 1]);
        (await GetJobAsync(1)).CheckedAt.ShouldBe(T0.AddMinutes(6));
        (await GetJobAsync(1)).UpdatedAt.ShouldBe(T0);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobChecksAsync_NotFoundOnEveryCheckAcrossARestart_ClosedWithItsReasonAtTheLimit()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "r1" }, T0, Ct);
        var missing = new[] { new JobCheck(Key(1), Found: false) };

        (await Store.RecordJobChecksAsync(missing, 3, T0.AddMinutes(5), Ct)).ShouldBeEmpty();
        (await Store.RecordJobChecksAsync(missing, 3, T0.AddMinutes(10), Ct)).ShouldBeEmpty();
        var open = await GetJobAsync(1);
        open.Status.ShouldBe(JobStatus.InProgress);
        open.MissedChecks.ShouldBe(2);
        open.CheckedAt.ShouldBe(T0.AddMinutes(10));
        open.CloseReason.ShouldBeNull();

        await ReopenStoreAsync();
        var closed = (await Store.RecordJobChecksAsync(missing, 3, T0.AddMinutes(15), Ct)).ShouldHaveSingleItem();

        closed.Key.ShouldBe(Key(1));
        (await GetJobAsync(1)).ShouldBeEquivalentTo(closed);
        closed.Status.ShouldBe(JobStatus.Completed);
        closed.MissedChecks.ShouldBe(3);
        closed.CloseReason.ShouldNotBeNull().ShouldContain("did not know the job on 3 look-up(s)");
        closed.Conclusion.ShouldBeNull();
        closed.RunnerName.ShouldBe("r1");
        closed.CompletedAt.ShouldBe(T0.AddMinutes(15));
        closed.UpdatedAt.ShouldBe(T0.AddMinutes(15));
        (await DueIdsAsync(T0.AddDays(1))).ShouldBeEmpty();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobChecksAsync_FoundBetweenMisses_StartsTheCountAgain()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, Ct);

        await Store.RecordJobChecksAsync([new JobCheck(Key(1), false)], 2, T0.AddMinutes(5), Ct);
        await Store.RecordJobChecksAsync([new JobCheck(Key(1), true)], 2, T0.AddMinutes(10), Ct);
        (await GetJobAsync(1)).MissedChecks.ShouldBe(0);
        (await Store.RecordJobChecksAsync([new JobCheck(Key(1), false)], 2, T0.AddMinutes(15), Ct)).ShouldBeEmpty();

        (await GetJobAsync(1)).Status.ShouldBe(JobStatus.Queued);
        (await Store.RecordJobChecksAsync([new JobCheck(Key(1), false)], 2, T0.AddMinutes(20), Ct)).ShouldHaveSingleItem().Id.ShouldBe(1);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobChecksAsync_ClosedAndUnknownJobsAmongThem_OnlyOpenJobsChange()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, Ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Completed), T0, Ct);
        var completedBefore = await GetJobAsync(2);

        var closed = await Store.RecordJobChecksAsync(
            [new JobCheck(Key(2), false), new JobCheck(Key(99), false), new JobCheck(Key(1), false)], 1, T0.AddMinutes(5), Ct);

        closed.Select(j => j.Id).ShouldBe([1]);
        (await GetJobAsync(2)).ShouldBeEquivalentTo(completedBefore);
        (await Store.GetJobAsync(Key(99), Ct)).ShouldBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_AfterLookUps_KeepsTheirCountAndTime()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, Ct);
        await Store.RecordJobChecksAsync([new JobCheck(Key(1), false)], 3, T0.AddMinutes(5), Ct);

        (await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "r1" }, T0.AddMinutes(6), Ct)).ShouldBe(JobEventOutcome.Updated);

        var job = await GetJobAsync(1);
        job.Status.ShouldBe(JobStatus.InProgress);
        job.MissedChecks.ShouldBe(1);
        job.CheckedAt.ShouldBe(T0.AddMinutes(5));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_JobClosedByHangarThenReportedRunning_StaysClosed()
    {
        await Store.RecordJobEventAsync(Event(1, JobStatus.Queued), T0, Ct);
        await Store.RecordJobChecksAsync([new JobCheck(Key(1), false)], 1, T0.AddMinutes(5), Ct);

        (await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "r1" }, T0.AddMinutes(6), Ct)).ShouldBe(JobEventOutcome.Stale);

        (await GetJobAsync(1)).Status.ShouldBe(JobStatus.Completed);
    }
}
