using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Agent;

/// <summary>
/// Finds exec machines whose <c>hangar exec</c> is gone (killed mid-task: its renewals stopped, so the machine's token
/// expired, or it never got one) and destroys them. Every <c>hangar exec</c> runs it before making its own machine,
/// and <c>serve</c> runs it every minute (<see cref="ExecLeftoversService"/>), so the next Hangar run against the store
/// removes what a killed exec left.
/// </summary>
internal sealed class ExecLeftovers(IStore store, IEnumerable<IProvider> providers, ExecInstanceDestroyer destroyer, TimeProvider time, ILogger<ExecLeftovers> logger)
{
    /// <summary>Returns how many machines were removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var removed = 0;
        var live = await store.ListInstancesAsync(InstanceQuery.Live, cancellationToken).ConfigureAwait(false);
        foreach (var instance in live.Where(i => ExecInstanceName.IsExec(i.Name)))
        {
            var token = await store.GetInstanceTokenAsync(instance.Name, cancellationToken).ConfigureAwait(false);
            var abandoned = token is null ? now - instance.StateChangedAt >= ExecOwnership.TokenlessGrace : token.ExpiresAt <= now;
            if (!abandoned)
            {
                continue;
            }

            if (providers.FirstOrDefault(p => p.Name == instance.Provider) is not { } provider)
            {
                AgentLog.LeftoverProviderMissing(logger, instance.Name, instance.Provider);
                continue;
            }

            AgentLog.LeftoverRemoving(logger, instance.Name);
            try
            {
                await destroyer.DestroyAsync(provider, instance.Name, "exec: its hangar exec is gone (its token was not renewed)").ConfigureAwait(false);
                removed++;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Logged by the destroyer; the next sweep tries again.
            }
        }

        return removed;
    }
}
