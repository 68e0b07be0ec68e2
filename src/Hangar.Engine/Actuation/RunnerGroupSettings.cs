using Hangar.Core.RunnerGroups;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// The actuator's part of managed runner groups: create a declared group that is missing, bring a drifted one back to
/// its declaration. The runner-groups pass reads and decides; only this changes groups at the forge.
/// </summary>
internal sealed class RunnerGroupSettings(ForgeSet forges, ILogger<RunnerGroupSettings> logger)
{
    public async Task CreateAsync(ManagedRunnerGroup group, CancellationToken ct)
    {
        var created = await Manager(group).CreateRunnerGroupAsync(group.Target, group.Spec, ct).ConfigureAwait(false);
        ActuationLog.RunnerGroupCreated(logger, group.Forge, group.Target.ToString(), group.Spec.Name, created.Id);
    }

    public async Task CorrectAsync(ManagedRunnerGroup group, RunnerGroupState current, IReadOnlyList<string> fields, CancellationToken ct)
    {
        await Manager(group).UpdateRunnerGroupAsync(group.Target, current.Id, group.Spec, fields, ct).ConfigureAwait(false);
        ActuationLog.RunnerGroupCorrected(logger, group.Forge, group.Target.ToString(), group.Spec.Name, current.Id, string.Join(",", fields));
    }

    private IRunnerGroupManager Manager(ManagedRunnerGroup group) =>
        forges.Get(group.Forge) as IRunnerGroupManager
        ?? throw new InvalidOperationException($"forge '{group.Forge}' cannot manage runner groups");
}
