using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>
/// The create-retry rule, whole. A failed create whose machine runs anyway is adopted (<see cref="MachineAdoption"/>);
/// otherwise it is retried under the same name after the policy's backoff, until the policy's maximum, and then failed
/// with the reason, which stays on the row and in its history (<c>hangar runners list --failed</c>). A machine whose
/// state could not be read is never deleted here: the retry looks it up again and adopts it if it runs. The
/// create-retry loop only asks for the retries that are due.
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

        var check = await adoption.CheckAfterFailedCreateAsync(pool, name, error, current.StoppedTier).ConfigureAwait(false);
        if (check == AdoptionCheck.Adopted)
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

        // A machine known not to run goes first: a create is idempotent by name, so a half-made machine would otherwise
        // be adopted as it is. One whose state is unknown stays: it may be running a job, and the retry looks again
        // before minting (MachineAdoption.TryResolveLeftoverAsync). A registration left at the forge is replaced at the
        // next mint (name conflict), or removed with the instance.
        var machine = "";
        if (check == AdoptionCheck.NotRunning)
        {
            try
            {
                await slots.WithSlotAsync(pool.Provider, p => p.DeleteAsync(name, CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                ActuationLog.DestroyFailed(logger, name, ErrorText.Describe(ex));
            }
        }
        else
        {
            machine = "; machine state unknown, not deleted";
        }

        var backoff = Policy.Backoff(name, current.Attempts);
        ActuationLog.CreateRetryScheduled(logger, name, current.Attempts, Policy.MaxAttempts, backoff, error);
        await transitions.TryMoveAsync(
            name,
            InstanceState.Pending,
            $"create failed (attempt {current.Attempts} of {Policy.MaxAttempts}), retry in {backoff.TotalSeconds:0.#}s{machine}",
            new InstanceChanges { LastError = error },
            CancellationToken.None).ConfigureAwait(false);
    }
}
