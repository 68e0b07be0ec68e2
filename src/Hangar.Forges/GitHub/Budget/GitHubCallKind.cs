namespace Hangar.Forges.GitHub.Budget;

/// <summary>What a GitHub request is for: names it in metrics and fixes its priority where the kind alone decides.</summary>
internal enum GitHubCallKind
{
    MintRunner,
    RemoveRunner,
    FindRunner,
    RunnerGroups,
    InstallationToken,
    Installation,
    ListRunners,
    GetJob,
    ListRuns,
    ListRunJobs,
    RegistrationToken,
    FindRunJobs,
}
