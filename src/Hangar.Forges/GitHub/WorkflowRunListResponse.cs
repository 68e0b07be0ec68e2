namespace Hangar.Forges.GitHub;

internal sealed record WorkflowRunListResponse(int TotalCount, IReadOnlyList<WorkflowRunDto>? WorkflowRuns);
