namespace Hangar.Forges.GitHub;

internal sealed record RunnerListResponse(IReadOnlyList<RunnerDto>? Runners);
