using Hangar.Core.Pools;
using Hangar.Core.RunnerGroups;

namespace Hangar.Forges.GitHub;

/// <summary>Runner groups Hangar manages (organization and enterprise targets), see <see cref="RunnerGroups.GitHubRunnerGroupAdmin"/>.</summary>
internal sealed partial class GitHubForge : IRunnerGroupManager
{
    public Task<RunnerGroupState?> GetRunnerGroupAsync(ForgeTarget target, string name, CancellationToken cancellationToken = default) =>
        _runnerGroupAdmin.GetAsync(target, name, cancellationToken);

    public Task<RunnerGroupState> CreateRunnerGroupAsync(ForgeTarget target, RunnerGroupSpec spec, CancellationToken cancellationToken = default) =>
        _runnerGroupAdmin.CreateAsync(target, spec, cancellationToken);

    public Task UpdateRunnerGroupAsync(ForgeTarget target, long id, RunnerGroupSpec spec, IReadOnlyCollection<string> fields, CancellationToken cancellationToken = default) =>
        _runnerGroupAdmin.UpdateAsync(target, id, spec, fields, cancellationToken);
}
