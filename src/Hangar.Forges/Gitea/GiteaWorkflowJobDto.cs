namespace Hangar.Forges.Gitea;

/// <summary>Gitea's <c>ActionWorkflowJob</c> (jobs API, 1.25+; the webhook's <c>workflow_job</c> has the same fields).</summary>
internal sealed record GiteaWorkflowJobDto(
    long Id,
    long? RunId,
    string? Name,
    IReadOnlyList<string>? Labels,
    long RunAttempt,
    string? Status,
    string? Conclusion,
    long? RunnerId,
    string? RunnerName,
    DateTimeOffset? CreatedAt);
