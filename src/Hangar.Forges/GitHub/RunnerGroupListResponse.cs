namespace Hangar.Forges.GitHub;

internal sealed record RunnerGroupListResponse(IReadOnlyList<RunnerGroupDto>? RunnerGroups);
