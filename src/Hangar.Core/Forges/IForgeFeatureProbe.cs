using Hangar.Core.Pools;

namespace Hangar.Core.Forges;

/// <summary>A forge whose features differ by version and are found by probing its API (Gitea, Forgejo).</summary>
public interface IForgeFeatureProbe
{
    string Name { get; }

    /// <summary>Probes once per target (later calls answer from what was found) and describes what the forge offers there.</summary>
    /// <exception cref="ForgeException">The forge could not be asked (unreachable, credential refused).</exception>
    Task<ForgeFeatures> ProbeAsync(IReadOnlyList<ForgeTarget> targets, CancellationToken cancellationToken = default);
}
