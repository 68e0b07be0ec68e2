using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Engine.Actuation;
using Hangar.Engine.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// With several replicas, startup recovery happens per pool, when a replica takes the pool's lease (at its own start,
/// or from a replica that died or stalled): the creates the previous owner left provisioning are looked up at the
/// provider by their stored names and adopted or failed, exactly as after a restart (<see cref="StartupRecovery"/>).
/// It runs under the new lease's fence before the pool's other work is handed out. A previous owner that wakes up
/// later finds its writes refused; a machine it still makes under one of these names is adopted or removed as an
/// orphan, never a second runner for a job.
/// </summary>
internal sealed class PoolTakeoverRecovery : IHostedService
{
    private readonly ILeaseOwnership _ownership;
    private readonly IStore _store;
    private readonly Actuator _actuator;
    private readonly ILogger<PoolTakeoverRecovery> _logger;

    public PoolTakeoverRecovery(ILeaseOwnership ownership, IStore store, Actuator actuator, ILogger<PoolTakeoverRecovery> logger)
    {
        _ownership = ownership;
        _store = store;
        _actuator = actuator;
        _logger = logger;

        // Here, not in StartAsync: the host makes every hosted service before it starts any, and the lease manager
        // (started first) may take its first leases before this service would start.
        ownership.Acquired += RecoverAsync;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _ownership.Acquired -= RecoverAsync;
        return Task.CompletedTask;
    }

    private async Task RecoverAsync(LeasedWork work, CancellationToken cancellationToken)
    {
        if (LeaseNames.PoolOf(work.Lease) is not { } pool)
        {
            return;
        }

        var interrupted = await _store.ListInstancesAsync(new InstanceQuery { Pool = pool, States = [InstanceState.Provisioning] }, cancellationToken).ConfigureAwait(false);
        foreach (var instance in interrupted.Where(i => !_actuator.IsInFlight(i.Name)))
        {
            var outcome = await _actuator.RecoverInterruptedCreateAsync(instance, cancellationToken).ConfigureAwait(false);
            ReconcileLog.Recovered(_logger, instance.Name, instance.State, outcome);
        }
    }
}
