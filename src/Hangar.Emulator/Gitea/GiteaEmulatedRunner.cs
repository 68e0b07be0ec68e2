namespace Hangar.Emulator.Gitea;

/// <summary>A runner row at the emulated forge.</summary>
public sealed class GiteaEmulatedRunner
{
    public required long Id { get; init; }

    public required string Uuid { get; init; }

    public required string Token { get; init; }

    public required string Name { get; init; }

    /// <summary>Where it was registered: <c>repo:o/r</c>, <c>org:o</c> or <c>instance</c>.</summary>
    public required string Scope { get; init; }

    public IReadOnlyList<string> Labels { get; set; } = [];

    public bool Ephemeral { get; init; }

    /// <summary>Contacted the forge at least once (declare or fetch).</summary>
    public bool Online { get; set; }

    public long? TaskJobId { get; set; }

    /// <summary>Ephemeral runners get one task in their life.</summary>
    public bool HadTask { get; set; }

    public bool Deleted { get; set; }

    public bool Serves(string repository) => Scope == "instance"
        || Scope == $"repo:{repository}"
        || Scope == $"org:{repository[..repository.IndexOf('/', StringComparison.Ordinal)]}";
}
