namespace Hangar.Core.RunnerGroups;

/// <summary>Who may use a runner group: every repository (or organization, for an enterprise's group), the selected
/// ones, or (organization groups only) private repositories.</summary>
public enum RunnerGroupVisibility
{
    All,
    Selected,
    Private,
}
