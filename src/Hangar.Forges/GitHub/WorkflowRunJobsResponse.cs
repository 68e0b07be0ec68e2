namespace Hangar.Forges.GitHub;

internal sealed record WorkflowRunJobsResponse(int TotalCount, IReadOnlyList<RunJobDto>? Jobs);
