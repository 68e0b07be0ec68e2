using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// The create-retry rule, whole. A failed create whose machine runs anyway is adopted (<see cref="MachineAdoption"/>);
/// otherwise it is retried under the same name after the policy's backoff, until the policy's maximum, and then failed
/// with the reason, which stays on the row and in its history (<c>hangar runners list --failed</c>). The create-retry
/// loop only asks for the retries that are due.
/// </summary>
internal sealed class CreateRetry(
    IStore store,
    ProviderSlots slots,
    Transitions transitions,
    MachineAdoption adoption,
    EngineOptions options,
    TimeProvider time,
    ILogger<CreateRetry> logger)
{
    private CreateRetryPolicy Policy => options.Loops.CreateRetry;

    /// <summary>Failed creates waiting under their own name whose backoff has passed.</summary>
    public async Task<IReadOnlyList<Instance>> DueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var pending = await store.ListInstancesAsync(new InstanceQuery { States = [InstanceState.Pending] }, ct).ConfigureAwait(false);
        return [.. pending.Where(i => i.Attempts > 0 && Policy.IsDue(i, now))];
    }

    /// <summary>Decides what follows a failed create: adopt, retry later, or give up.</summary>
    public async Task AfterFailureAsync(PoolSpec pool, string name, string error)
    {
        var current = await store.GetInstanceAsync(name, CancellationToken.None).ConfigureAwait(false);
        if (current is null || current.State != InstanceState.Provisioning)
        {
            return;
        }

        if (await adoption.TryAdoptAfterFailedCreateAsync(pool, name, error).ConfigureAwait(false))
        {
            return;
        }

        if (!Policy.MayRetry(current.Attempts))
        {
            ActuationLog.CreateGaveUp(logger, name, current.Attempts, error);
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
            await slots.WithSlotAsync(pool.Provider, p => p.DeleteAsync(name, CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ActuationLog.DestroyFailed(logger, name, ErrorText.Describe(ex));
        }

        var backoff = Policy.Backoff(name, current.Attempts);
        ActuationLog.CreateRetryScheduled(logger, name, current.Attempts, Policy.MaxAttempts, backoff, error);
        await transitions.TryMoveAsync(
            name,
            InstanceState.Pending,
            $"create failed (attempt {current.Attempts} of {Policy.MaxAttempts}), retry in {backoff.TotalSeconds:0.#}s",
            new InstanceChanges { LastError = error },
            CancellationToken.None).ConfigureAwait(false);
    }
}
