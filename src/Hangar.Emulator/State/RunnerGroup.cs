namespace Hangar.Emulator.State;

/// <summary>A runner group with the settings GitHub keeps for it. <see cref="Selected"/> holds repository ids (an
/// organization's group) or organization ids (an enterprise's), as GitHub's API does.</summary>
public sealed record RunnerGroup(long Id, string Name)
{
    public static RunnerGroup Default { get; } = new(1, "Default") { AllowsPublicRepositories = true };

    public bool IsDefault => Id == Default.Id;

    /// <summary><c>all</c>, <c>selected</c> or <c>private</c>.</summary>
    public string Visibility { get; init; } = "all";

    public IReadOnlyList<long> Selected { get; init; } = [];

    public bool AllowsPublicRepositories { get; init; }

    public bool RestrictedToWorkflows { get; init; }

    public IReadOnlyList<string> SelectedWorkflows { get; init; } = [];
}
