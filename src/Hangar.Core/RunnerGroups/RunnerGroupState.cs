namespace Hangar.Core.RunnerGroups;

/// <summary>A runner group as the forge reports it, selected repositories or organizations by name.</summary>
public sealed record RunnerGroupState(
    long Id,
    string Name,
    RunnerGroupVisibility Visibility,
    IReadOnlyList<string> Selected,
    bool AllowsPublicRepositories,
    bool RestrictedToWorkflows,
    IReadOnlyList<string> SelectedWorkflows)
{
    public static RunnerGroupState Of(long id, RunnerGroupSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new(id, spec.Name, spec.Visibility, spec.Selected, spec.AllowsPublicRepositories, spec.RestrictedToWorkflows, spec.SelectedWorkflows);
    }
}
