using Hangar.Core.Forges;

namespace Hangar.Forges.GitHub.Budget;

/// <summary>
/// The rule of the request budget, a pure function of the last reported quota. Provisioning (minting, removal) is never
/// held back, so a reserve of the quota is kept for it: below the reserve, observation and sweeps wait for the reset,
/// and sweeps already stop a burst allowance above it. Above that, observation goes out, and sweeps go out while the spendable quota (remaining minus reserve) is at least the
/// share an even pace would leave for the rest of the window, less a burst allowance (a tenth of the window's spendable
/// quota: a cold start lists everything once). Further behind, each subject is swept only every n-th time, n growing by
/// one per hundredth of the spendable quota the sweeps are behind: the sweeps slow down until the spending is back on
/// pace, and speed up again as the reset nears (the share left for the window shrinks).
/// </summary>
internal static class GitHubBudgetPolicy
{
    /// <summary>GitHub's primary rate-limit window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The default reserve: a tenth of the limit (500 of a PAT's 5,000).</summary>
    public const int DefaultReserveDivisor = 10;

    /// <summary>Sweeps may run ahead of an even pace by this share of the window's spendable quota.</summary>
    public const double BurstShare = 0.1;

    /// <summary>Each such share of the window's spendable quota the sweeps are behind pace adds one to the stride.</summary>
    public const double StrideStepShare = 0.01;

    public static long ReserveOf(long limit, int? configured) => Math.Min(limit, configured ?? limit / DefaultReserveDivisor);

    public static GitHubBudgetDecision Decide(GitHubQuota? quota, int? reserve, ForgePriority priority, DateTimeOffset now)
    {
        // Nothing known yet, or the window it describes is over (the reset renews the whole quota).
        if (priority == ForgePriority.Provision || quota is null || now >= quota.Reset)
        {
            return GitHubBudgetDecision.Send;
        }

        var kept = ReserveOf(quota.Limit, reserve);
        var spendable = quota.Remaining - kept;
        if (spendable <= 0)
        {
            return new GitHubBudgetDecision(GitHubBudgetVerdict.Hold, Until: quota.Reset);
        }

        if (priority == ForgePriority.Observe)
        {
            return GitHubBudgetDecision.Send;
        }

        // Sweeps stop a burst's worth above the reserve, so observation still has quota when they have spent theirs.
        var window = quota.Limit - kept;
        if (spendable <= window * BurstShare)
        {
            return new GitHubBudgetDecision(GitHubBudgetVerdict.Hold, Until: quota.Reset);
        }

        var share = window * Math.Min(1, (quota.Reset - now) / Window);
        var behind = share - window * BurstShare - spendable;
        return behind <= 0
            ? GitHubBudgetDecision.Send
            : new GitHubBudgetDecision(GitHubBudgetVerdict.Pace, 1 + (int)Math.Min(int.MaxValue - 1, Math.Ceiling(behind / Math.Max(1, window * StrideStepShare))));
    }
}
