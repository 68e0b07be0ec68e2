using System.Text.Json.Serialization;
using Hangar.Forges.GitHub.Auth;

namespace Hangar.Forges.GitHub;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JitConfigRequest))]
[JsonSerializable(typeof(JitConfigResponse))]
[JsonSerializable(typeof(RunnerListResponse))]
[JsonSerializable(typeof(RunnerGroupListResponse))]
[JsonSerializable(typeof(RunnerGroupDto))]
[JsonSerializable(typeof(WorkflowJobDto))]
[JsonSerializable(typeof(GitHubErrorResponse))]
[JsonSerializable(typeof(AppJwtClaims))]
[JsonSerializable(typeof(InstallationTokenResponse))]
[JsonSerializable(typeof(InstallationResponse))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
