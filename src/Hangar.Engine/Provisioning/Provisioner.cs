using System.Collections.Concurrent;
using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine.Reconcile;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Provisioning;

/// <summary>
/// Carries out creates and destroys in the background, bounded per provider. Every side effect is preceded by a stored
/// state: pending (the intent, with the name) before the forge or provider is called, deleting before anything is
/// removed. A crash at any point therefore leaves a row that says what may exist, and recovery looks it up by name.
/// </summary>
public sealed partial class Provisioner(
    IStore store,
    PoolCatalog pools,
    ProviderSet providers,
    ForgeSet forges,
    Transitions transitions,
    EngineMetrics metrics,
    EngineOptions options,
    ConvergeSignal signal,
    TimeProvider time,
    ILogger<Provisioner> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Instances with a create or destroy under way in this process.</summary>
    public bool IsInFlight(string name) => _inFlight.ContainsKey(name);

    public int InFlightCount => _inFlight.Count;

    /// <summary>Stores <paramref name="count"/> new intents for the pool and starts creating them.</summary>
    public async Task CreateAsync(PoolSpec pool, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var now = time.GetUtcNow();
            var instance = new Instance
            {
                Name = InstanceNames.New(pool.Name),
                Pool = pool.Name,
                Provider = pool.Provider,
                State = InstanceState.Pending,
                CreatedAt = now,
                StateChangedAt = now,
                LastReason = "demand",
            };
            await store.InsertInstanceAsync(instance, "planned: demand or min_idle", cancellationToken).ConfigureAwait(false);
            EngineLog.IntentStored(logger, instance.Name, pool.Name);
            StartCreate(instance);
        }
    }

    /// <summary>Starts creating a pending instance unless that is already under way.</summary>
    public void StartCreate(Instance instance) => Start(instance.Name, () => RunCreateAsync(instance.Name));

    /// <summary>Starts destroying an instance unless something is already under way for it.</summary>
    public void StartDestroy(Instance instance, DestroyReason reason) => Start(instance.Name, () => RunDestroyAsync(instance.Name, reason));

    /// <summary>Waits until nothing is in flight (tests and shutdown).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (!_inFlight.IsEmpty)
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            // Wall-clock cap: shutdown must end even when the injected clock is a test's fake one.
            await Task.WhenAll(_inFlight.Values).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Interrupted work is resumed from its stored state at the next start.
        }

        _stopping.Dispose();
    }

    private void Start(string name, Func<Task> work)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        // The entry completes only after it left the map, so WhenIdleAsync never sees a finished task still listed.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inFlight.TryAdd(name, done.Task))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Shutting down: the stored state lets the next start finish or undo this.
            }
            catch (Exception ex)
            {
                // Only store failures get here (provider and forge errors are handled inside); the next pass retries.
                EngineLog.PassFailed(logger, $"provisioner:{name}", ex);
            }
            finally
            {
                _inFlight.TryRemove(new KeyValuePair<string, Task>(name, done.Task));
                done.SetResult();
            }
        });
    }

    private async Task RunCreateAsync(string name)
    {
        var ct = _stopping.Token;
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
            await providers.WithSlotAsync(pool.Provider, async provider =>
            {
                var moved = await transitions.TryMoveAsync(name, InstanceState.Provisioning, "provisioning", new InstanceChanges { IncrementAttempts = true }, ct).ConfigureAwait(false);
                if (moved is null)
                {
                    return 0;
                }

                var forge = forges.Get(pool.Forge);
                var credential = await MintCredentialAsync(forge, pool, name, ct).ConfigureAwait(false);
                var created = await provider.CreateAsync(BuildSpec(pool, name, credential), ct).ConfigureAwait(false);
                await transitions.TryMoveAsync(
                    name,
                    InstanceState.Booting,
                    "created at provider",
                    new InstanceChanges { ProviderId = created.ProviderId, ForgeRunnerId = credential.RunnerId },
                    ct).ConfigureAwait(false);
                EngineLog.Created(logger, name, pool.Name, created.ProviderId);
                metrics.InstanceCreated(pool.Name);

                // A job event naming this runner may have arrived while it was provisioning; the converge pass only
                // matches jobs to booting and later instances, so wake it now rather than at the next tick.
                signal.Nudge();
                return 0;
            }, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the stored state (pending/provisioning) lets the next start finish or undo this.
        }
        catch (Exception ex)
        {
            var error = Describe(ex);
            EngineLog.CreateFailed(logger, name, pool.Name, error);
            metrics.InstanceCreateFailed(pool.Name);
            await AfterCreateFailedAsync(pool, name, error).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A failed create is retried under the same name after a backoff (the create-retry loop starts it) until the
    /// policy's maximum; then the instance is failed with the reason, which stays on the row and in its history.
    /// </summary>
    private async Task AfterCreateFailedAsync(PoolSpec pool, string name, string error)
    {
        var current = await store.GetInstanceAsync(name, CancellationToken.None).ConfigureAwait(false);
        if (current is null || current.State != InstanceState.Provisioning)
        {
            return;
        }

        if (await TryAdoptRunningMachineAsync(pool, name, error).ConfigureAwait(false))
        {
            return;
        }

        var policy = options.Loops.CreateRetry;
        if (!policy.MayRetry(current.Attempts))
        {
            EngineLog.CreateGaveUp(logger, name, current.Attempts, error);
            await transitions.TryMoveAsync(
                name,
                InstanceState.Failed,
                $"create failed {current.Attempts} time(s), gave up",
                new InstanceChanges { LastError = error },
                CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // Whatever the failed attempt left at the provider goes first: a create is idempotent by name, so a half-made
        // machine would otherwise be adopted as it is. A registration left at the forge is replaced at the next mint
        // (name conflict), or removed with the instance.
        try
        {
            await providers.WithSlotAsync(pool.Provider, async provider =>
            {
                await provider.DeleteAsync(name, CancellationToken.None).ConfigureAwait(false);
                return 0;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            EngineLog.DestroyFailed(logger, name, Describe(ex));
        }

        var backoff = policy.Backoff(name, current.Attempts);
        EngineLog.CreateRetryScheduled(logger, name, current.Attempts, policy.MaxAttempts, backoff, error);
        await transitions.TryMoveAsync(
            name,
            InstanceState.Pending,
            $"create failed (attempt {current.Attempts} of {policy.MaxAttempts}), retry in {backoff.TotalSeconds:0.#}s",
            new InstanceChanges { LastError = error },
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// A provider can report a failure after it made and started the machine (a timeout after the work was done). That
    /// machine already holds this name's one-job credential and may have taken a job: deleting it would kill the job,
    /// so a running machine is adopted instead. A machine created but never started is not a runner; it is replaced.
    /// </summary>
    private async Task<bool> TryAdoptRunningMachineAsync(PoolSpec pool, string name, string error)
    {
        try
        {
            var existing = await providers.WithSlotAsync(pool.Provider, p => p.GetAsync(name, CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
            if (existing is not { Status: ProviderInstanceStatus.Running })
            {
                return false;
            }

            var adopted = await transitions.TryMoveAsync(
                name,
                InstanceState.Booting,
                "create reported a failure but the machine runs: adopted",
                new InstanceChanges { ProviderId = existing.ProviderId, LastError = error },
                CancellationToken.None).ConfigureAwait(false);
            if (adopted is null)
            {
                return false;
            }

            signal.Nudge();
            return true;
        }
        catch (Exception ex)
        {
            EngineLog.DestroyFailed(logger, name, Describe(ex));
            return false;
        }
    }

    private async Task<RunnerCredential> MintCredentialAsync(IForge forge, PoolSpec pool, string name, CancellationToken ct)
    {
        var request = new RunnerRequest(name, pool.Labels, pool.RunnerGroup) { ImplicitLabels = pool.ImplicitLabels };
        try
        {
            return await forge.CreateRunnerCredentialAsync(pool.Target, request, ct).ConfigureAwait(false);
        }
        catch (RunnerNameConflictException)
        {
            // A crashed attempt minted a credential for this very name. Its machine never started (or recovery would
            // have found it), so the registration is stale: remove it and mint again.
            EngineLog.NameConflict(logger, name);
            foreach (var stale in await forge.ListRunnersAsync(pool.Target, name, ct).ConfigureAwait(false))
            {
                await forge.RemoveRunnerAsync(pool.Target, stale.Id, ct).ConfigureAwait(false);
            }

            return await forge.CreateRunnerCredentialAsync(pool.Target, request, ct).ConfigureAwait(false);
        }
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
    };

    internal static string Describe(Exception ex)
    {
        var message = $"{ex.GetType().Name}: {ex.Message}";
        return message.Length <= 500 ? message : message[..500];
    }
}
