namespace Hangar.Forges.GitHub.Budget;

internal enum GitHubBudgetVerdict
{
    Send,

    /// <summary>Sweeps are ahead of an even pace: each subject is swept only every so many calls.</summary>
    Pace,

    /// <summary>The quota left is inside the reserve: only provisioning goes out until the reset.</summary>
    Hold,
}
