using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Agent;

/// <summary>
/// Ends an exec machine from whatever state it was left in: through draining (it ran) or failed (it never did) to
/// deleting, the provider's delete (a no-op when the machine is already gone), deleted. Not cancellable: an
/// interrupted exec must still remove its machine. Used by the exec that made it and by the sweep of leftovers.
/// </summary>
internal sealed class ExecInstanceDestroyer(IStore store, TimeProvider time, ILogger<ExecInstanceDestroyer> logger)
{
    /// <exception cref="Exception">The provider or the store failed; logged, and the machine is left for the next sweep.</exception>
    public async Task DestroyAsync(IProvider provider, string name, string why)
    {
        try
        {
            var row = await store.GetInstanceAsync(name, CancellationToken.None).ConfigureAwait(false);
            var via = row?.State switch
            {
                InstanceState.Busy or InstanceState.Idle => InstanceState.Draining,
                InstanceState.Pending or InstanceState.Provisioning or InstanceState.Booting => InstanceState.Failed,
                _ => (InstanceState?)null,
            };
            if (via is { } state)
            {
                await MoveAsync(name, state, why).ConfigureAwait(false);
            }

            if (row?.State != InstanceState.Deleting)
            {
                await MoveAsync(name, InstanceState.Deleting, "exec: destroying").ConfigureAwait(false);
            }

            await provider.DeleteAsync(name, CancellationToken.None).ConfigureAwait(false);
            await MoveAsync(name, InstanceState.Deleted, "exec: destroyed").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AgentLog.DestroyFailed(logger, name, ex.Message);
            throw;
        }
    }

    private Task<Instance> MoveAsync(string name, InstanceState to, string reason) =>
        store.TransitionAsync(name, to, reason, time.GetUtcNow(), null, CancellationToken.None);
}
