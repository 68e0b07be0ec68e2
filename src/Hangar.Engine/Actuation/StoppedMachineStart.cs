using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// Starts a machine of the stopped tier for a job: in a provider slot, mint the runner's credential and the instance
/// token now (both are short-lived, and a stopped machine may have waited hours), hand them to the provider's start,
/// which writes them as files (the machine's environment was fixed when it was made), then move to booting with the
/// start time, from which boot timeout and TTL count. The row stays stopped until the machine runs; a start that fails
/// fails the instance (its registration, if minted, goes with it), and the planner starts another or creates cold.
/// </summary>
internal sealed class StoppedMachineStart(
    IStore store,
    PoolCatalog pools,
    ProviderSlots slots,
    RunnerCredentials credentials,
    InstanceTokens tokens,
    Transitions transitions,
    ConvergeSignal signal,
    TimeProvider time,
    ILogger<StoppedMachineStart> logger)
{
    public async Task RunAsync(string name, CancellationToken ct)
    {
        var instance = await store.GetInstanceAsync(name, ct).ConfigureAwait(false);
        if (instance is null || instance.State != InstanceState.Stopped)
        {
            return;
        }

        var pool = pools.Find(instance.Pool);
        if (pool is null || pool.Provider != instance.Provider)
        {
            await transitions.TryMoveAsync(name, InstanceState.Failed, "pool no longer configured for this machine's provider", cancellationToken: ct).ConfigureAwait(false);
            return;
        }

        long? runnerId = null;
        try
        {
            await slots.WithSlotAsync(pool.Provider, async provider =>
            {
                var credential = await credentials.MintAsync(pool, name, ct).ConfigureAwait(false);
                runnerId = credential.RunnerId;
                var token = await TokenAsync(provider, pool, name, ct).ConfigureAwait(false);
                var secrets = RunnerEnvironment.Secrets(Secrets(pool, name, credential.SecretEnv, token));
                var started = await provider.StartAsync(name, secrets, ct).ConfigureAwait(false);
                if (started is null)
                {
                    await transitions.TryMoveAsync(
                        name, InstanceState.Failed, "stopped machine gone at its start",
                        new InstanceChanges { ForgeRunnerId = runnerId, LastError = "machine not found at provider" }, ct).ConfigureAwait(false);
                    return;
                }

                await transitions.TryMoveAsync(
                    name,
                    InstanceState.Booting,
                    "started from the stopped tier",
                    new InstanceChanges { ProviderId = started.ProviderId, ForgeRunnerId = runnerId, StartedAt = time.GetUtcNow() },
                    ct).ConfigureAwait(false);
                ActuationLog.StoppedStarted(logger, name, pool.Name, started.ProviderId);
            }, ct).ConfigureAwait(false);
            signal.Nudge();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Still stopped in the store: the store-ghosts pass fails it if its machine was started meanwhile.
        }
        catch (Exception ex)
        {
            var error = ErrorText.Describe(ex);
            ActuationLog.StoppedStartFailed(logger, name, pool.Name, error);
            await transitions.TryMoveAsync(
                name, InstanceState.Failed, "start from the stopped tier failed",
                new InstanceChanges { ForgeRunnerId = runnerId, LastError = error }, CancellationToken.None).ConfigureAwait(false);
            signal.Nudge();
        }
    }

    /// <summary>
    /// A new token, or for a machine that keeps the one it was made with (<see cref="ProviderCapabilities.TokenAtMake"/>)
    /// that one renewed from now (null: nothing to hand over).
    /// </summary>
    private async Task<string?> TokenAsync(IProvider provider, PoolSpec pool, string name, CancellationToken ct)
    {
        if (!provider.Capabilities.HasFlag(ProviderCapabilities.TokenAtMake))
        {
            return await tokens.IssueAsync(name, InstanceTokens.LifetimeFor(pool), ct).ConfigureAwait(false);
        }

        if (!await tokens.RenewAsync(name, InstanceTokens.LifetimeFor(pool), ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"stopped machine {name} has no instance token to renew, so it could not fetch its credential");
        }

        ActuationLog.StoppedTokenRenewed(logger, name, pool.Name);
        return null;
    }

    private static RunnerSpec Secrets(PoolSpec pool, string name, IReadOnlyDictionary<string, string> secretEnv, string? token) => new()
    {
        Name = name,
        Pool = pool.Name,
        Labels = pool.Labels,
        SecretEnv = secretEnv,
        InstanceToken = token,
        CredentialDelivery = CredentialDelivery.File,
    };
}
