using System.Text.Json.Serialization;

namespace Hangar.Emulator.Runner.Protocol;

/// <summary>The decoded JIT config: the runner's settings files, each still base64-encoded (as the real runner writes them to disk).</summary>
internal sealed record JitConfigFiles
{
    [JsonPropertyName(".runner")]
    public required string Runner { get; init; }

    [JsonPropertyName(".credentials")]
    public required string Credentials { get; init; }
}
