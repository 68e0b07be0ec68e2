namespace Hangar.Forges.GitHub.Budget;

/// <summary>What the budget policy says about one call: send it, hold it until the quota resets, or send only every
/// <see cref="Stride"/>-th call of each subject.</summary>
internal readonly record struct GitHubBudgetDecision(GitHubBudgetVerdict Verdict, int Stride = 1, DateTimeOffset? Until = null)
{
    public static GitHubBudgetDecision Send { get; } = new(GitHubBudgetVerdict.Send);
}
