using Hangar.Core.Jobs;

namespace Hangar.Core.Tests.Jobs;

/// <summary>What a look-up at the forge changes on a stored job; every store applies it, the contract suite checks it stored.</summary>
public class JobCheckRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static Job Stored(JobStatus status, int missed = 0) =>
        JobEventMerge.Create(new JobEvent { Forge = "github", JobId = 9, Status = status, Repository = "acme/app" }, T0) with { MissedChecks = missed };

    [Theory]
    [InlineData(JobStatus.Waiting)]
    [InlineData(JobStatus.Queued)]
    [InlineData(JobStatus.InProgress)]
    public void Apply_NotFoundBelowTheLimit_CountsTheMissAndStaysOpen(JobStatus status)
    {
        var job = JobCheckRule.Apply(Stored(status, missed: 1), found: false, T0.AddMinutes(5), closeAfterMisses: 3).ShouldNotBeNull();

        job.Status.ShouldBe(status);
        job.MissedChecks.ShouldBe(2);
        job.CheckedAt.ShouldBe(T0.AddMinutes(5));
        job.UpdatedAt.ShouldBe(T0);
        job.CloseReason.ShouldBeNull();
    }

    [Fact]
    public void Apply_NotFoundAtTheLimit_ClosedWithAReasonAndNoConclusion()
    {
        var job = JobCheckRule.Apply(Stored(JobStatus.InProgress, missed: 2), found: false, T0.AddMinutes(15), closeAfterMisses: 3).ShouldNotBeNull();

        job.Status.ShouldBe(JobStatus.Completed);
        job.IsOpen.ShouldBeFalse();
        job.MissedChecks.ShouldBe(3);
        job.CloseReason.ShouldBe("closed by Hangar: the forge did not know the job on 3 look-up(s) in a row");
        job.Conclusion.ShouldBeNull();
        (job.CompletedAt, job.UpdatedAt, job.CheckedAt).ShouldBe((T0.AddMinutes(15), T0.AddMinutes(15), T0.AddMinutes(15)));
    }

    [Fact]
    public void Apply_Found_StartsTheCountAgain()
    {
        var job = JobCheckRule.Apply(Stored(JobStatus.Queued, missed: 2), found: true, T0.AddMinutes(5), closeAfterMisses: 3).ShouldNotBeNull();

        job.MissedChecks.ShouldBe(0);
        job.CheckedAt.ShouldBe(T0.AddMinutes(5));
        job.Status.ShouldBe(JobStatus.Queued);
    }

    [Fact]
    public void Apply_JobAlreadyCompleted_ChangesNothing()
    {
        JobCheckRule.Apply(Stored(JobStatus.Completed), found: false, T0.AddMinutes(5), closeAfterMisses: 1).ShouldBeNull();
    }

    [Fact]
    public void Apply_LimitBelowOne_Refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => JobCheckRule.Apply(Stored(JobStatus.Queued), false, T0, closeAfterMisses: 0));
    }

    [Fact]
    public void Merge_ClosedByHangarThenCompletedAtTheForge_TakesTheConclusionAndKeepsTheReason()
    {
        var closed = JobCheckRule.Apply(Stored(JobStatus.Queued), found: false, T0.AddMinutes(5), closeAfterMisses: 1).ShouldNotBeNull();

        var merged = JobEventMerge.Merge(
            closed,
            new JobEvent { Forge = "github", JobId = 9, Status = JobStatus.Completed, Repository = "acme/app", Conclusion = "cancelled" },
            T0.AddMinutes(6)).ShouldNotBeNull();

        merged.Conclusion.ShouldBe("cancelled");
        merged.CloseReason.ShouldNotBeNull();
    }
}
