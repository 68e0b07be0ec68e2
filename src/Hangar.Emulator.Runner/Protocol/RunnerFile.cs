using System.Text.Json.Serialization;

namespace Hangar.Emulator.Runner.Protocol;

/// <summary>The <c>.runner</c> settings file: who this runner is and where its server is.</summary>
internal sealed record RunnerFile
{
    // Older runner versions wrote the id as a string.
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public required long AgentId { get; init; }

    public required string AgentName { get; init; }

    public required string ServerUrl { get; init; }

    public string? WorkFolder { get; init; }
}
