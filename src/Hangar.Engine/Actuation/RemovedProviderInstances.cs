using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// Instances whose provider is no longer configured (removed, or renamed): their machines cannot be reached, so a
/// destroy would fail again at every pass. Each is settled once instead: its registration is removed where it was
/// minted (a runner the forge says is busy is kept until its job ends), then the row is failed with the reason and
/// marked deleted, the reason kept as its error (<c>hangar runners list --failed</c>). A machine left at a provider that
/// comes back, or at the same engine under a new provider name, carries our controller id and no live row:
/// provider-orphans removes it then.
/// </summary>
internal sealed class RemovedProviderInstances(
    IStore store,
    PoolCatalog pools,
    RunnerCredentials credentials,
    Transitions transitions,
    ILogger<RemovedProviderInstances> logger)
{
    public async Task RunAsync(string name, CancellationToken ct)
    {
        var instance = await store.GetInstanceAsync(name, ct).ConfigureAwait(false);
        if (instance is null || instance.State is InstanceState.Deleted or InstanceState.Busy)
        {
            return;
        }

        if (!await credentials.TryDeregisterAsync(pools.Find(instance.Pool), instance, keepIfBusy: true, ct).ConfigureAwait(false))
        {
            // It took a job since the row was read: settled once the job is over.
            ActuationLog.RetireSkippedBusy(logger, name, DestroyReason.Failed);
            return;
        }

        var reason = $"provider '{instance.Provider}' is no longer configured";
        var error = new InstanceChanges { LastError = $"{reason}; a machine left there was not deleted" };
        var current = InstanceLifecycle.CanMove(instance.State, InstanceState.Failed)
            ? await transitions.TryMoveAsync(name, InstanceState.Failed, reason, error, ct).ConfigureAwait(false)
            : instance;
        if (current is null)
        {
            return;
        }

        if (await transitions.MoveThroughAsync(current, InstanceState.Deleted, $"forgotten: {reason}", error, ct).ConfigureAwait(false) is not null)
        {
            ActuationLog.ProviderGone(logger, instance.Provider, name);
        }
    }
}
