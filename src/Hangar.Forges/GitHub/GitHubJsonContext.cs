using System.Text.Json.Serialization;

namespace Hangar.Forges.GitHub;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JitConfigRequest))]
[JsonSerializable(typeof(JitConfigResponse))]
[JsonSerializable(typeof(RunnerListResponse))]
[JsonSerializable(typeof(RunnerGroupListResponse))]
[JsonSerializable(typeof(WorkflowJobDto))]
[JsonSerializable(typeof(GitHubErrorResponse))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
