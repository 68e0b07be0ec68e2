using Hangar.Core.Forges;

namespace Hangar.Forges.GitHub.Budget;

/// <summary>
/// One logical GitHub call as the REST client sends it: its kind (metrics), its priority (budget) and whether it is a
/// polling GET sent conditionally (<c>If-None-Match</c>, last body kept per URL).
/// </summary>
internal readonly record struct GitHubCall(GitHubCallKind Kind, ForgePriority Priority, bool Conditional = false)
{
    /// <summary>
    /// A call of <paramref name="kind"/> made by the current <see cref="ForgeCallScope"/>. Minting, removal, name
    /// look-ups, runner groups and App tokens are provisioning whoever asks; the queued-run sweep is always a sweep;
    /// runner lists and job look-ups take the caller's priority (observation when none is named).
    /// </summary>
    public static GitHubCall Of(GitHubCallKind kind, bool conditional = false) => new(kind, kind switch
    {
        GitHubCallKind.ListRunners or GitHubCallKind.GetJob or GitHubCallKind.FindRunJobs => ForgeCallScope.Current?.Priority ?? ForgePriority.Observe,
        GitHubCallKind.ListRuns or GitHubCallKind.ListRunJobs => ForgePriority.Sweep,
        _ => ForgePriority.Provision,
    }, conditional);

    /// <summary>The <c>kind</c> tag of <c>hangar.forge.requests</c>.</summary>
    public string Tag => Kind switch
    {
        GitHubCallKind.MintRunner => "mint_runner",
        GitHubCallKind.RemoveRunner => "remove_runner",
        GitHubCallKind.FindRunner => "find_runner",
        GitHubCallKind.RunnerGroups => "runner_groups",
        GitHubCallKind.InstallationToken => "installation_token",
        GitHubCallKind.Installation => "installation",
        GitHubCallKind.ListRunners => "list_runners",
        GitHubCallKind.GetJob => "get_job",
        GitHubCallKind.ListRuns => "list_runs",
        GitHubCallKind.RegistrationToken => "registration_token",
        GitHubCallKind.FindRunJobs => "find_run_jobs",
        _ => "list_run_jobs",
    };
}
