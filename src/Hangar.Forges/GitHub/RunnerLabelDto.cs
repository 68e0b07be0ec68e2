namespace Hangar.Forges.GitHub;

internal sealed record RunnerLabelDto(string? Name, string? Type);
