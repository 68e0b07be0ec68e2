namespace Hangar.Forges.Gitea;

/// <summary>Gitea's <c>ActionWorkflowJobsResponse</c>.</summary>
internal sealed record GiteaWorkflowJobsDto(IReadOnlyList<GiteaWorkflowJobDto>? Jobs, long TotalCount);
