namespace Hangar.Core.RunnerGroups;

/// <summary>
/// A runner group as a pool declares it (<c>runner_group: {name, visibility, ...}</c>): Hangar creates it at the pool's
/// organization or enterprise and keeps it in this state. <see cref="Selected"/> names who may use it when
/// <see cref="Visibility"/> is <see cref="RunnerGroupVisibility.Selected"/>: repository names of the organization, or
/// organization logins of the enterprise. <see cref="SelectedWorkflows"/> applies when
/// <see cref="RestrictedToWorkflows"/> is set (GitHub's form: <c>owner/repo/.github/workflows/file.yml@ref</c>).
/// </summary>
public sealed record RunnerGroupSpec
{
    public required string Name { get; init; }

    public RunnerGroupVisibility Visibility { get; init; } = RunnerGroupVisibility.All;

    public IReadOnlyList<string> Selected { get; init; } = [];

    public bool AllowsPublicRepositories { get; init; }

    public bool RestrictedToWorkflows { get; init; }

    public IReadOnlyList<string> SelectedWorkflows { get; init; } = [];

    /// <summary>Same declared state (names compared as GitHub does: case-insensitively; lists as sets).</summary>
    public bool SameAs(RunnerGroupSpec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
            && RunnerGroupDrift.Between(this, RunnerGroupState.Of(0, other)).Count == 0;
    }
}

