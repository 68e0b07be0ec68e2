using System.Text.Json.Serialization;

namespace Hangar.Forges.GitHub.RunnerGroups;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SelectionPage))]
[JsonSerializable(typeof(SelectedEntryDto))]
internal sealed partial class GitHubRunnerGroupsJsonContext : JsonSerializerContext;
