using Hangar.Core.Pools;

namespace Hangar.Testing;

/// <summary>A runner registration held by a <see cref="RecordingForge"/>; <see cref="Secret"/> is what its credential carried.</summary>
public sealed record RegisteredRunner(
    long Id,
    ForgeTarget Target,
    string Name,
    IReadOnlyList<string> Labels,
    string? RunnerGroup,
    string Secret,
    bool Online = false,
    bool Busy = false);
