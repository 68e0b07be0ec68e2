using System.Text.Json.Serialization;

namespace Hangar.Forges.Gitea;

/// <summary>
/// The runner's state file (<c>.runner</c>) as <c>act_runner</c> and <c>forgejo-runner</c> write it after
/// <c>register</c>: with it a runner starts as the registered runner without ever seeing a registration token.
/// </summary>
internal sealed record RunnerFileDto(
    [property: JsonPropertyName("WARNING")] string Warning,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("ephemeral")] bool Ephemeral);
