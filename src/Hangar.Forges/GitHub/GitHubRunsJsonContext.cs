using System.Text.Json.Serialization;

namespace Hangar.Forges.GitHub;

internal sealed record WorkflowRunDto(long Id, string? Status);

internal sealed record WorkflowRunListResponse(int TotalCount, IReadOnlyList<WorkflowRunDto>? WorkflowRuns);

internal sealed record RunJobDto(
    long Id,
    long? RunId,
    string? Name,
    string? Status,
    string? Conclusion,
    string? RunnerName,
    long? RunnerId,
    IReadOnlyList<string>? Labels,
    DateTimeOffset? CreatedAt);

internal sealed record WorkflowRunJobsResponse(int TotalCount, IReadOnlyList<RunJobDto>? Jobs);

/// <summary>The workflow-run shapes the queued-job sweep reads (kept apart from the runner API's context).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WorkflowRunListResponse))]
[JsonSerializable(typeof(WorkflowRunJobsResponse))]
internal sealed partial class GitHubRunsJsonContext : JsonSerializerContext;
