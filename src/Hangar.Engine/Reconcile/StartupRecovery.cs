using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Engine.Actuation;
using Hangar.Engine.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Resolves instances a previous process left mid-create before any loop runs: the actuator looks each stored name up
/// at its provider and adopts or fails it (<see cref="MachineAdoption"/>). Pending intents and unfinished deletes need
/// nothing here: the converge pass resumes them. With several replicas another live replica may be creating those
/// instances right now: recovery then happens per pool when its lease is taken (<see cref="PoolTakeoverRecovery"/>).
/// </summary>
internal sealed class StartupRecovery(IStore store, Actuator actuator, ILeaseOwnership ownership, ILogger<StartupRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!ownership.IsSingleReplica)
        {
            return;
        }

        var interrupted = await store.ListInstancesAsync(new InstanceQuery { States = [InstanceState.Provisioning] }, cancellationToken).ConfigureAwait(false);
        foreach (var instance in interrupted)
        {
            var outcome = await actuator.RecoverInterruptedCreateAsync(instance, cancellationToken).ConfigureAwait(false);
            ReconcileLog.Recovered(logger, instance.Name, instance.State, outcome);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
