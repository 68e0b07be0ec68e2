using System.Text.Json.Serialization;

namespace Hangar.Emulator.Runner.Protocol;

internal sealed record AssignedJob
{
    public required long Id { get; init; }

    public string? Name { get; init; }

    [JsonPropertyName("duration_ms")]
    public required long DurationMs { get; init; }
}
