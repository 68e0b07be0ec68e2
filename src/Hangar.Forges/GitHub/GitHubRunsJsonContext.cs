using System.Text.Json.Serialization;

namespace Hangar.Forges.GitHub;

/// <summary>The workflow-run shapes the queued-job sweep reads (kept apart from the runner API's context).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WorkflowRunListResponse))]
[JsonSerializable(typeof(WorkflowRunJobsResponse))]
internal sealed partial class GitHubRunsJsonContext : JsonSerializerContext;
