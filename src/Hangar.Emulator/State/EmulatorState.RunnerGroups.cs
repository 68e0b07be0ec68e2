namespace Hangar.Emulator.State;

/// <summary>Runner groups: created and changed through the REST API, or behind Hangar's back by a test
/// (<see cref="ChangeRunnerGroup"/>) to show drift being corrected.</summary>
public sealed partial class EmulatorState
{
    private readonly List<RunnerGroup> _runnerGroups = [];

    public IReadOnlyList<RunnerGroup> RunnerGroups
    {
        get
        {
            lock (_gate)
            {
                return [.. _runnerGroups];
            }
        }
    }

    /// <summary>Changes a group as someone at the forge would (a test's drift); false when there is no such group.</summary>
    public bool ChangeRunnerGroup(string name, Func<RunnerGroup, RunnerGroup> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var index = _runnerGroups.FindIndex(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return false;
            }

            _runnerGroups[index] = change(_runnerGroups[index]) with { Id = _runnerGroups[index].Id };
            return true;
        }
    }

    /// <summary>A new group; null when one of that name exists (GitHub answers 409).</summary>
    internal RunnerGroup? CreateRunnerGroup(RunnerGroup group)
    {
        lock (_gate)
        {
            if (_runnerGroups.Any(g => string.Equals(g.Name, group.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            var created = group with { Id = _runnerGroups.Max(g => g.Id) + 1 };
            _runnerGroups.Add(created);
            return created;
        }
    }

    /// <summary>Applies <paramref name="change"/> to group <paramref name="id"/>; null when there is none.</summary>
    internal RunnerGroup? UpdateRunnerGroup(long id, Func<RunnerGroup, RunnerGroup> change)
    {
        lock (_gate)
        {
            var index = _runnerGroups.FindIndex(g => g.Id == id);
            if (index < 0)
            {
                return null;
            }

            return _runnerGroups[index] = change(_runnerGroups[index]) with { Id = id };
        }
    }

    internal string? RepositoryNameOf(long id)
    {
        lock (_gate)
        {
            return _repositoryIds.FirstOrDefault(r => r.Value == id).Key;
        }
    }

    internal string? OwnerNameOf(long id)
    {
        lock (_gate)
        {
            return _ownerIds.FirstOrDefault(o => o.Value == id).Key;
        }
    }
}
