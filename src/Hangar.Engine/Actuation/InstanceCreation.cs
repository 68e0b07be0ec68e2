using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// Carries a pending intent to a booting machine: take a provider slot, ask the pool's <see cref="CreateBreaker"/>,
/// move to provisioning, let the provider check what it can (image, mount sources) before anything is minted, mint the
/// runner's credential, create the machine. A failure is handed to <see cref="CreateRetry"/> and counted by the
/// breaker; while the pool is degraded the intent stays pending, with no attempt counted.
/// </summary>
internal sealed class InstanceCreation(
    IStore store,
    PoolCatalog pools,
    ProviderSlots slots,
    RunnerCredentials credentials,
    Transitions transitions,
    CreateRetry retry,
    MachineAdoption adoption,
    CreateBreaker breaker,
    InstanceTokens tokens,
    EngineMetrics metrics,
    ConvergeSignal signal,
    AgentEndpointAddress agentAddress,
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

        if (pool.Provider != instance.Provider)
        {
            // The row names the provider its machine is made at, and is destroyed there; made at the pool's new provider
            // it could never be. Failed, it is cleaned up where it says, and a new intent follows the pool.
            ActuationLog.PoolMovedProvider(logger, name, pool.Name, instance.Provider, pool.Provider);
            await transitions.TryMoveAsync(name, InstanceState.Failed, $"pool '{pool.Name}' now uses provider '{pool.Provider}'", cancellationToken: ct).ConfigureAwait(false);
            return;
        }

        CreateAdmission? admission = null;
        var created = false;
        try
        {
            // The slot is taken before the move to provisioning: instances waiting for one stay pending intents. The
            // breaker is asked once the slot is ours, so creates queued behind busy slots see it open meanwhile.
            await slots.WithSlotAsync(pool.Provider, async provider =>
            {
                admission = breaker.TryAdmit(pool.Name);
                if (admission is null)
                {
                    ActuationLog.CreateHeldBack(logger, name, pool.Name);
                    return;
                }

                created = await CreateInSlotAsync(provider, pool, instance, ct).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
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
            if (admission is { } failed)
            {
                admission = null;
                if (breaker.Failed(failed, error) is { } openFor)
                {
                    ActuationLog.PoolDegraded(logger, pool.Name, breaker.Condition(pool.Name).ConsecutiveFailures, openFor, error);
                }
            }

            await retry.AfterFailureAsync(pool, name, error).ConfigureAwait(false);
        }
        finally
        {
            if (admission is { } ended)
            {
                if (!created)
                {
                    breaker.Abandoned(ended);
                }
                else if (breaker.Succeeded(ended))
                {
                    ActuationLog.PoolRecovered(logger, pool.Name);
                }
            }
        }
    }

    /// <summary>One attempt, in a provider slot. False when the instance had already moved on (nothing was tried).</summary>
    private async Task<bool> CreateInSlotAsync(IProvider provider, PoolSpec pool, Instance pending, CancellationToken ct)
    {
        // A first cold attempt's instance token is stored with its move to provisioning: one commit between the plan and
        // the create, not two. A retry's is issued after the look for a leftover machine, which keeps the token it has.
        var name = pending.Name;
        var firstToken = pending.StoppedTier || pending.Attempts > 0 ? ((string Token, InstanceTokenRecord Record)?)null
            : tokens.Mint(name, InstanceTokens.LifetimeFor(pool));
        var moved = await transitions.TryMoveAsync(
            name, InstanceState.Provisioning, "provisioning", new InstanceChanges { IncrementAttempts = true, Token = firstToken?.Record }, ct).ConfigureAwait(false);
        if (moved is null)
        {
            return false;
        }

        // A missing image or mount source would fail the create after a one-job credential was minted (and has to be
        // removed again): look first, where the provider can.
        if (provider.Capabilities.HasFlag(ProviderCapabilities.CreateCheck))
        {
            var check = await provider.CheckCreateAsync(BuildSpec(pool, name, credential: null), ct).ConfigureAwait(false);
            if (!check.Ok)
            {
                throw new CreateCheckFailedException(provider.Name, check.Reason);
            }
        }

        if (moved.StoppedTier)
        {
            await PrepareInSlotAsync(provider, pool, name, moved.Attempts, ct).ConfigureAwait(false);
            return true;
        }

        // A retry: the failed attempt may have left a running machine whose state could not be read then.
        if (moved.Attempts > 1 && await adoption.TryResolveLeftoverAsync(provider, name, ct).ConfigureAwait(false))
        {
            return true;
        }

        RunnerCredential credential;
        using (var span = InstanceTrace.StartStep(InstanceTrace.CredentialSpanName, moved))
        {
            try
            {
                credential = await credentials.MintAsync(pool, name, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (InstanceTrace.Failed(span, ex))
            {
                throw;
            }

            span?.SetTag("hangar.runner.id", credential.RunnerId);
        }

        // Issued per attempt (the store keeps only its hash, so a retry cannot hand out the old one); the new one
        // replaces it, so a machine left by a failed attempt can no longer call in.
        var token = firstToken?.Token ?? await tokens.IssueAsync(name, InstanceTokens.LifetimeFor(pool), ct).ConfigureAwait(false);
        ProviderInstance created;
        using (var span = InstanceTrace.StartStep(InstanceTrace.ProviderCreateSpanName, moved))
        {
            try
            {
                created = await provider.CreateAsync(BuildSpec(pool, name, credential) with { InstanceToken = token, AgentAddress = pool.Agent is null ? null : agentAddress.Value }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (InstanceTrace.Failed(span, ex))
            {
                throw;
            }

            span?.SetTag("hangar.provider.id", created.ProviderId);
        }

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
        return true;
    }

    /// <summary>
    /// The stopped tier's create: the machine is made and not started, and nothing is minted; its credential comes by
    /// file when it is started for a job (<see cref="StoppedMachineStart"/>).
    /// </summary>
    private async Task PrepareInSlotAsync(IProvider provider, PoolSpec pool, string name, int attempts, CancellationToken ct)
    {
        if (!provider.Capabilities.HasFlag(ProviderCapabilities.Prepare))
        {
            throw new InvalidOperationException($"provider {provider.Name} cannot make a machine without running it, which min_stopped needs");
        }

        // Only a machine made and never started can be kept stopped; whatever else an earlier attempt left goes first.
        if (attempts > 1 && await provider.GetAsync(name, ct).ConfigureAwait(false) is { Status: not ProviderInstanceStatus.Created })
        {
            await provider.DeleteAsync(name, ct).ConfigureAwait(false);
        }

        // The agent's address is plain and fixed with the machine; its instance token comes with the credential at start,
        // unless the machine can only get one when it is made (then the start renews this one).
        var spec = BuildSpec(pool, name, credential: null) with
        {
            CredentialDelivery = CredentialDelivery.File,
            AgentAddress = pool.Agent is null ? null : agentAddress.Value,
            InstanceToken = provider.Capabilities.HasFlag(ProviderCapabilities.TokenAtMake)
                ? await tokens.IssueAsync(name, InstanceTokens.LifetimeFor(pool), ct).ConfigureAwait(false)
                : null,
        };
        var prepared = await provider.PrepareAsync(spec, ct).ConfigureAwait(false);
        await transitions.TryMoveAsync(
            name, InstanceState.Stopped, "prepared at provider, kept stopped", new InstanceChanges { ProviderId = prepared.ProviderId }, ct).ConfigureAwait(false);
        ActuationLog.Prepared(logger, name, pool.Name, prepared.ProviderId);
        signal.Nudge();
    }

    /// <summary>The runner's spec; without <paramref name="credential"/> (for the pre-create check) it carries no secret.</summary>
    private static RunnerSpec BuildSpec(PoolSpec pool, string name, RunnerCredential? credential) => new()
    {
        Name = name,
        Pool = pool.Name,
        Labels = pool.Labels,
        Image = pool.Image,
        Command = AgentLaunch.Command(pool),
        Env = pool.Env,
        SecretEnv = credential?.SecretEnv ?? new Dictionary<string, string>(),
        Mounts = pool.Mounts,
        NetworkMode = pool.NetworkMode,
        Cpus = pool.Cpus,
        MemoryMb = pool.MemoryMb,
        DiskGb = pool.DiskGb,
        InstanceType = pool.InstanceType,
        CredentialDelivery = pool.CredentialDelivery,
        User = pool.User,
        ReadOnlyRootFilesystem = pool.ReadOnlyRoot,
    };
}
