namespace Hangar.Core.RunnerGroups;

/// <summary>
/// Where a runner group differs from its declaration, by GitHub's field names. Only what the declaration governs is
/// compared: the selection only while visibility is <c>selected</c>, the workflows only while restricted to them (GitHub
/// keeps both lists when they stop applying, and they then grant nothing).
/// </summary>
public static class RunnerGroupDrift
{
    public const string Visibility = "visibility";
    public const string Selected = "selected";
    public const string AllowsPublicRepositories = "allows_public_repositories";
    public const string RestrictedToWorkflows = "restricted_to_workflows";
    public const string SelectedWorkflows = "selected_workflows";

    public static IReadOnlyList<string> Between(RunnerGroupSpec desired, RunnerGroupState current)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(current);
        var fields = new List<string>();
        if (desired.Visibility != current.Visibility)
        {
            fields.Add(Visibility);
        }

        if (desired.Visibility == RunnerGroupVisibility.Selected && !SameSet(desired.Selected, current.Selected, StringComparer.OrdinalIgnoreCase))
        {
            fields.Add(Selected);
        }

        if (desired.AllowsPublicRepositories != current.AllowsPublicRepositories)
        {
            fields.Add(AllowsPublicRepositories);
        }

        if (desired.RestrictedToWorkflows != current.RestrictedToWorkflows)
        {
            fields.Add(RestrictedToWorkflows);
        }

        if (desired.RestrictedToWorkflows && !SameSet(desired.SelectedWorkflows, current.SelectedWorkflows, StringComparer.Ordinal))
        {
            fields.Add(SelectedWorkflows);
        }

        return fields;
    }

    private static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b, StringComparer comparer) =>
        a.ToHashSet(comparer).SetEquals(b);
}
