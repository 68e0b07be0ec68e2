using System.Text.Json.Serialization;
using Hangar.Forges.Forgejo;

namespace Hangar.Forges.Gitea;

/// <summary>Every body Hangar reads from or sends to Gitea and Forgejo (snake_case, as both forges write).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistrationTokenDto))]
[JsonSerializable(typeof(GiteaRunnerListDto))]
[JsonSerializable(typeof(GiteaRunnerDto))]
[JsonSerializable(typeof(GiteaWorkflowJobDto))]
[JsonSerializable(typeof(GiteaWorkflowJobsDto))]
[JsonSerializable(typeof(ConnectRegisterRequest))]
[JsonSerializable(typeof(ConnectRegisterResponse))]
[JsonSerializable(typeof(RepositoryDto))]
[JsonSerializable(typeof(List<ForgejoRunnerDto>))]
[JsonSerializable(typeof(ForgejoRegisterRunnerRequest))]
[JsonSerializable(typeof(ForgejoRegisterRunnerResponse))]
[JsonSerializable(typeof(List<ForgejoRunJobDto>))]
[JsonSerializable(typeof(RunnerFileDto))]
internal sealed partial class GiteaJsonContext : JsonSerializerContext;
