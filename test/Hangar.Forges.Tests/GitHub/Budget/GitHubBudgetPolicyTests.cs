using Hangar.Core.Forges;
using Hangar.Forges.GitHub.Budget;

namespace Hangar.Forges.Tests.GitHub.Budget;

/// <summary>The budget's rule on its own: a 5,000/h limit, the default reserve of 500 (so 4,500 spendable a window, a
/// burst allowance of 450 and one more stride per 45 behind), times within one window.</summary>
public sealed class GitHubBudgetPolicyTests
{
    private static readonly DateTimeOffset Reset = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static GitHubQuota Quota(long remaining) => new(5000, remaining, Reset);

    private static DateTimeOffset MinutesBeforeReset(double minutes) => Reset.AddMinutes(-minutes);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(499)]
    public void Decide_ProvisionWithAnyQuotaLeft_Sends(long remaining) =>
        GitHubBudgetPolicy.Decide(Quota(remaining), null, ForgePriority.Provision, MinutesBeforeReset(30)).ShouldBe(GitHubBudgetDecision.Send);

    [Theory]
    [InlineData(ForgePriority.Observe)]
    [InlineData(ForgePriority.Sweep)]
    public void Decide_NothingKnownYet_Sends(ForgePriority priority) =>
        GitHubBudgetPolicy.Decide(null, null, priority, MinutesBeforeReset(30)).ShouldBe(GitHubBudgetDecision.Send);

    [Theory]
    [InlineData(ForgePriority.Observe)]
    [InlineData(ForgePriority.Sweep)]
    public void Decide_WindowOverSinceTheLastReport_Sends(ForgePriority priority) =>
        GitHubBudgetPolicy.Decide(Quota(0), null, priority, Reset).ShouldBe(GitHubBudgetDecision.Send);

    [Theory]
    [InlineData(500)]
    [InlineData(12)]
    [InlineData(0)]
    public void Decide_ObserveAtOrBelowTheReserve_HoldsUntilTheReset(long remaining) =>
        GitHubBudgetPolicy.Decide(Quota(remaining), null, ForgePriority.Observe, MinutesBeforeReset(30))
            .ShouldBe(new GitHubBudgetDecision(GitHubBudgetVerdict.Hold, Until: Reset));

    [Fact]
    public void Decide_ObserveJustAboveTheReserve_Sends() =>
        GitHubBudgetPolicy.Decide(Quota(501), null, ForgePriority.Observe, MinutesBeforeReset(59)).ShouldBe(GitHubBudgetDecision.Send);

    [Fact]
    public void Decide_ConfiguredReserve_ReplacesTheDefault()
    {
        GitHubBudgetPolicy.Decide(Quota(1000), 1000, ForgePriority.Observe, MinutesBeforeReset(30)).Verdict.ShouldBe(GitHubBudgetVerdict.Hold);
        GitHubBudgetPolicy.Decide(Quota(10), 0, ForgePriority.Observe, MinutesBeforeReset(30)).ShouldBe(GitHubBudgetDecision.Send);
    }

    [Fact]
    public void Decide_SweepWithinABurstOfTheReserve_HoldsWhileObservationStillGoesOut()
    {
        // Spendable 4,500 a window; sweeps stop 450 above the reserve, observation at the reserve.
        GitHubBudgetPolicy.Decide(Quota(950), null, ForgePriority.Sweep, MinutesBeforeReset(1))
            .ShouldBe(new GitHubBudgetDecision(GitHubBudgetVerdict.Hold, Until: Reset));
        GitHubBudgetPolicy.Decide(Quota(950), null, ForgePriority.Observe, MinutesBeforeReset(1)).ShouldBe(GitHubBudgetDecision.Send);
    }

    [Theory]
    [InlineData(60, 5000)]
    [InlineData(60, 4550)]
    [InlineData(30, 2750)]
    [InlineData(30, 2301)]
    [InlineData(6, 951)]
    public void Decide_SweepOnAnEvenPaceOrWithinTheBurst_Sends(double minutesLeft, long remaining) =>
        GitHubBudgetPolicy.Decide(Quota(remaining), null, ForgePriority.Sweep, MinutesBeforeReset(minutesLeft)).ShouldBe(GitHubBudgetDecision.Send);

    [Theory]
    [InlineData(60, 4549, 2)]
    [InlineData(30, 2255, 2)]
    [InlineData(30, 2210, 3)]
    [InlineData(30, 1400, 21)]
    [InlineData(30, 1000, 30)]
    public void Decide_SweepBehindAnEvenPace_SlowsDownTheFurtherBehindItIs(double minutesLeft, long remaining, int stride) =>
        GitHubBudgetPolicy.Decide(Quota(remaining), null, ForgePriority.Sweep, MinutesBeforeReset(minutesLeft))
            .ShouldBe(new GitHubBudgetDecision(GitHubBudgetVerdict.Pace, stride));

    [Fact]
    public void Decide_SweepWithTheSameQuotaLaterInTheWindow_SpeedsUpAgain()
    {
        var early = GitHubBudgetPolicy.Decide(Quota(1400), null, ForgePriority.Sweep, MinutesBeforeReset(30));
        var later = GitHubBudgetPolicy.Decide(Quota(1400), null, ForgePriority.Sweep, MinutesBeforeReset(15));
        var end = GitHubBudgetPolicy.Decide(Quota(1400), null, ForgePriority.Sweep, MinutesBeforeReset(5));

        later.Stride.ShouldBeLessThan(early.Stride);
        end.ShouldBe(GitHubBudgetDecision.Send);
    }

    [Theory]
    [InlineData(5000, null, 500)]
    [InlineData(15000, null, 1500)]
    [InlineData(5000, 200, 200)]
    [InlineData(100, 500, 100)]
    public void ReserveOf_DefaultOrConfigured_NeverAboveTheLimit(long limit, int? configured, long reserve) =>
        GitHubBudgetPolicy.ReserveOf(limit, configured).ShouldBe(reserve);
}
