namespace Hangar.Forges.GitHub.RunnerGroups;

/// <summary>A repository (<c>minimal-repository</c>: name) or an organization (<c>organization-simple</c>: login), as a
/// runner group's selection or a look-up by name returns it.</summary>
internal sealed record SelectedEntryDto(long Id, string? Name, string? Login)
{
    public string? Key => Login ?? Name;
}
