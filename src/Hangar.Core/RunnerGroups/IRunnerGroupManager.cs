using Hangar.Core.Pools;

namespace Hangar.Core.RunnerGroups;

/// <summary>
/// A forge whose runner groups Hangar can create and keep in their declared state (GitHub, for organization and
/// enterprise targets). Implemented by the forge itself; the engine's runner-groups pass reads, and only the actuator
/// creates or changes.
/// </summary>
public interface IRunnerGroupManager
{
    /// <summary>The group named <paramref name="name"/> at <paramref name="target"/> (case-insensitive), or null.</summary>
    Task<RunnerGroupState?> GetRunnerGroupAsync(ForgeTarget target, string name, CancellationToken cancellationToken = default);

    /// <summary>Creates the group in its declared state.</summary>
    /// <exception cref="Forges.ForgeException">A selected repository or organization does not exist, or the forge refused.</exception>
    Task<RunnerGroupState> CreateRunnerGroupAsync(ForgeTarget target, RunnerGroupSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Brings group <paramref name="id"/> to its declared state: its settings, and its selection when that is
    /// among <paramref name="fields"/> (<see cref="RunnerGroupDrift"/> names).</summary>
    Task UpdateRunnerGroupAsync(ForgeTarget target, long id, RunnerGroupSpec spec, IReadOnlyCollection<string> fields, CancellationToken cancellationToken = default);
}
