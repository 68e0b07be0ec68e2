using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine.Provisioning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Resolves instances a previous process left mid-create before any loop runs: the stored name is looked up at the
/// provider; what exists is adopted, what does not is marked failed (its forge registration is removed on cleanup).
/// Pending intents and unfinished deletes need nothing here: the converge pass resumes them.
/// </summary>
public sealed class StartupRecovery(
    IStore store,
    ProviderSet providers,
    Transitions transitions,
    ILogger<StartupRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var interrupted = await store.ListInstancesAsync(new InstanceQuery { States = [InstanceState.Provisioning] }, cancellationToken).ConfigureAwait(false);
        foreach (var instance in interrupted)
        {
            string outcome;
            try
            {
                var found = await providers.Get(instance.Provider).GetAsync(instance.Name, cancellationToken).ConfigureAwait(false);
                if (found is { Status: ProviderInstanceStatus.Created or ProviderInstanceStatus.Exited })
                {
                    // Made but never started (killed between create and start), or already gone: nothing will ever
                    // connect, so adopting it would leave a runner "booting" until the boot timeout. Failed instead:
                    // converge removes the machine and its registration and makes a replacement if still needed.
                    await transitions.TryMoveAsync(instance.Name, InstanceState.Failed, $"recovered: found {found.Status.ToString().ToLowerInvariant()} at provider after restart", new InstanceChanges { ProviderId = found.ProviderId, LastError = "create interrupted before the machine started" }, cancellationToken).ConfigureAwait(false);
                    outcome = "marked failed (not running)";
                }
                else if (found is not null)
                {
                    await transitions.TryMoveAsync(instance.Name, InstanceState.Booting, "recovered: found at provider after restart", new InstanceChanges { ProviderId = found.ProviderId }, cancellationToken).ConfigureAwait(false);
                    outcome = "adopted";
                }
                else
                {
                    await transitions.TryMoveAsync(instance.Name, InstanceState.Failed, "recovered: create interrupted by restart", new InstanceChanges { LastError = "create interrupted" }, cancellationToken).ConfigureAwait(false);
                    outcome = "marked failed";
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left in provisioning: the boot-timeout reaper cleans it up if the provider stays unreachable.
                outcome = "provider unreachable: " + Provisioner.Describe(ex);
            }

            EngineLog.Recovered(logger, instance.Name, instance.State, outcome);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
