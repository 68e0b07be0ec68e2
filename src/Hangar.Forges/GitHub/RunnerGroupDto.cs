namespace Hangar.Forges.GitHub;

internal sealed record RunnerGroupDto(long Id, string? Name);
