using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>A job whose runner Hangar killed at the pool's hard cap is marked so: when and why (migration 0005).</summary>
public abstract partial class StoreContractTests<TBackend>
{
    private const string KillReason = "killed by Hangar: runner r1 still ran it at ttl 12h + max_job_duration 6h";

    [Fact(Timeout = TestTimeout)]
    public async Task MarkJobKilledAsync_JobInProgress_KilledAtAndReasonStoredStatusLeftAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "r1" }, T0, ct);
        var before = await GetJobAsync(1);

        await Store.MarkJobKilledAsync(Key(1), KillReason, T0.AddHours(18), ct);

        var killed = await GetJobAsync(1);
        killed.KilledAt.ShouldBe(T0.AddHours(18));
        killed.KilledReason.ShouldBe(KillReason);
        killed.ShouldBeEquivalentTo(before with { KilledAt = killed.KilledAt, KilledReason = KillReason });
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MarkJobKilledAsync_NeverMarked_NullOnEveryJob()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "r1" }, T0, ct);
        await Store.RecordJobEventAsync(Event(2, JobStatus.Queued), T0, ct);
        await Store.MarkJobKilledAsync(Key(1), KillReason, T0.AddHours(18), ct);

        var jobs = await Store.ListJobsAsync(new JobQuery(), ct);

        jobs.Single(j => j.Id == 1).KilledReason.ShouldBe(KillReason);
        var other = jobs.Single(j => j.Id == 2);
        other.KilledAt.ShouldBeNull();
        other.KilledReason.ShouldBeNull();
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MarkJobKilledAsync_ThenTheForgeReportsTheJobCompleted_StatusMovesOnAndTheMarkStays()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "r1" }, T0, ct);
        await Store.MarkJobKilledAsync(Key(1), KillReason, T0.AddHours(18), ct);

        await Store.RecordJobEventAsync(Event(1, JobStatus.Completed) with { RunnerName = "r1", Conclusion = "failure" }, T0.AddHours(19), ct);

        var job = await GetJobAsync(1);
        job.Status.ShouldBe(JobStatus.Completed);
        job.Conclusion.ShouldBe("failure");
        job.KilledAt.ShouldBe(T0.AddHours(18));
        job.KilledReason.ShouldBe(KillReason);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MarkJobKilledAsync_Twice_FirstMarkStays()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "r1" }, T0, ct);
        await Store.MarkJobKilledAsync(Key(1), KillReason, T0.AddHours(18), ct);

        await Store.MarkJobKilledAsync(Key(1), "another reason", T0.AddHours(19), ct);

        var job = await GetJobAsync(1);
        job.KilledAt.ShouldBe(T0.AddHours(18));
        job.KilledReason.ShouldBe(KillReason);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MarkJobKilledAsync_OtherAttemptOfTheSameJob_OnlyThatAttemptMarked()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.Completed) with { Forge = "gitea" }, T0, ct);
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { Forge = "gitea", Attempt = 1, RunnerName = "r1" }, T0, ct);

        await Store.MarkJobKilledAsync(new JobKey("gitea", 1, 1), KillReason, T0.AddHours(18), ct);

        (await Store.GetJobAsync(new JobKey("gitea", 1), ct)).ShouldNotBeNull().KilledReason.ShouldBeNull();
        (await Store.GetJobAsync(new JobKey("gitea", 1, 1), ct)).ShouldNotBeNull().KilledReason.ShouldBe(KillReason);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MarkJobKilledAsync_UnknownJob_Throws()
    {
        var ct = TestContext.Current.CancellationToken;

        await Should.ThrowAsync<KeyNotFoundException>(() => Store.MarkJobKilledAsync(Key(404), KillReason, T0, ct));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MarkJobKilledAsync_Reopened_MarkSurvives()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.RecordJobEventAsync(Event(1, JobStatus.InProgress) with { RunnerName = "r1" }, T0, ct);
        await Store.MarkJobKilledAsync(Key(1), KillReason, T0.AddHours(18), ct);

        await ReopenStoreAsync();

        (await GetJobAsync(1)).KilledReason.ShouldBe(KillReason);
    }
}
