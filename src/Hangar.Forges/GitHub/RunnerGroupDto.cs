namespace Hangar.Forges.GitHub;

/// <summary>A runner group as GitHub lists it (<c>runner-groups-org</c> / <c>runner-groups-enterprise</c>).</summary>
internal sealed record RunnerGroupDto(long Id, string? Name)
{
    public string? Visibility { get; init; }

    public bool AllowsPublicRepositories { get; init; }

    public bool RestrictedToWorkflows { get; init; }

    public IReadOnlyList<string>? SelectedWorkflows { get; init; }
}
