namespace Hangar.Forges.GitHub.RunnerGroups;

/// <summary>One page of a runner group's selection: <c>repositories</c> (organization groups) or <c>organizations</c>
/// (enterprise groups).</summary>
internal sealed record SelectionPage(IReadOnlyList<SelectedEntryDto>? Repositories, IReadOnlyList<SelectedEntryDto>? Organizations)
{
    public IEnumerable<SelectedEntryDto> Entries => (IEnumerable<SelectedEntryDto>?)Repositories ?? Organizations ?? [];
}
