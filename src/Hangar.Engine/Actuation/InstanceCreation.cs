using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// Carries a pending intent to a booting machine: take a provider slot, move to provisioning, mint the runner's
/// credential, create the machine. A failure is handed to <see cref="CreateRetry"/>.
/// </summary>
internal sealed class InstanceCreation(
    IStore store,
    PoolCatalog pools,
    ProviderSlots slots,
    RunnerCredentials credentials,
    Transitions transitions,
    CreateRetry retry,
    EngineMetrics metrics,
    ConvergeSignal signal,
    ILogger<InstanceCreation> logger)
{
    public async Task RunAsync(string name, CancellationToken ct)
    {
        var instance = await store.GetInstanceAsync(name, ct).ConfigureAwait(false);
        if (instance is null || instance.State != InstanceState.Pending)
        {
            return;
        }

        var pool = pools.Find(instance.Pool);
        if (pool is null)
        {
            await transitions.TryMoveAsync(name, InstanceState.Failed, "pool no longer configured", cancellationToken: ct).ConfigureAwait(false);
            return;
        }

        try
        {
            // The slot is taken before the move to provisioning: instances waiting for one stay pending intents.
            await slots.WithSlotAsync(pool.Provider, provider => CreateInSlotAsync(provider, pool, name, ct), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the stored state (pending/provisioning) lets the next start finish or undo this.
        }
        catch (Exception ex)
        {
            var error = ErrorText.Describe(ex);
            ActuationLog.CreateFailed(logger, name, pool.Name, error);
            metrics.InstanceCreateFailed(pool.Name);
            await retry.AfterFailureAsync(pool, name, error).ConfigureAwait(false);
        }
    }

    private async Task CreateInSlotAsync(IProvider provider, PoolSpec pool, string name, CancellationToken ct)
    {
        var moved = await transitions.TryMoveAsync(name, InstanceState.Provisioning, "provisioning", new InstanceChanges { IncrementAttempts = true }, ct).ConfigureAwait(false);
        if (moved is null)
        {
            return;
        }

        var credential = await credentials.MintAsync(pool, name, ct).ConfigureAwait(false);
        var created = await provider.CreateAsync(BuildSpec(pool, name, credential), ct).ConfigureAwait(false);
        await transitions.TryMoveAsync(
            name,
            InstanceState.Booting,
            "created at provider",
            new InstanceChanges { ProviderId = created.ProviderId, ForgeRunnerId = credential.RunnerId },
            ct).ConfigureAwait(false);
        ActuationLog.Created(logger, name, pool.Name, created.ProviderId);
        metrics.InstanceCreated(pool.Name);

        // A job event naming this runner may have arrived while it was provisioning; the converge pass only matches
        // jobs to booting and later instances, so wake it now rather than at the next tick.
        signal.Nudge();
    }

    private static RunnerSpec BuildSpec(PoolSpec pool, string name, RunnerCredential credential) => new()
    {
        Name = name,
        Pool = pool.Name,
        Labels = pool.Labels,
        Image = pool.Image,
        Command = pool.Command,
        Env = pool.Env,
        SecretEnv = credential.SecretEnv,
        Mounts = pool.Mounts,
        NetworkMode = pool.NetworkMode,
        Cpus = pool.Cpus,
        MemoryMb = pool.MemoryMb,
        CredentialDelivery = pool.CredentialDelivery,
        User = pool.User,
        ReadOnlyRootFilesystem = pool.ReadOnlyRoot,
    };
}
