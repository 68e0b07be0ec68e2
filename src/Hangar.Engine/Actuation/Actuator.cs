using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Pools;
using Hangar.Engine.Leases;

namespace Hangar.Engine.Actuation;

/// <summary>
/// The one way the engine changes the outside world: machines created and deleted at providers (each call in a
/// provider slot, <see cref="ProviderSlots"/>), runner registrations minted and removed at forges. Creates and destroys
/// run in the background, one at a time per instance (<see cref="InFlightWork"/>), each preceded by a stored state
/// (pending before anything is made, deleting before anything is removed). Passes observe, decide, and ask here.
/// </summary>
internal sealed class Actuator(
    InFlightWork inFlight,
    InstanceIntents intents,
    InstanceCreation creation,
    InstanceDestruction destruction,
    StoppedMachineStart starting,
    CreateRetry retry,
    MachineAdoption adoption,
    ProviderSlots slots,
    RunnerCredentials credentials,
    RemovedProviderInstances removedProvider,
    ILeaseOwnership ownership,
    PoolCatalog pools)
{
    /// <summary>True while a create or destroy of this instance is under way in this process.</summary>
    public bool IsInFlight(string name) => inFlight.Contains(name);

    public int InFlightCount => inFlight.Count;

    /// <summary>Waits until nothing is in flight (tests and shutdown).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken) => inFlight.WhenIdleAsync(cancellationToken);

    /// <summary><paramref name="count"/> new intents for the pool, to be stored by the caller before <see cref="StartCreates"/>.</summary>
    /// <param name="stoppedTier">Intents of the stopped tier: made, then kept stopped until a job needs them.</param>
    /// <param name="warm">How many of them the warm policy wants (the last ones), and why.</param>
    public IReadOnlyList<Instance> NewIntents(PoolSpec pool, int count, bool stoppedTier = false, int warm = 0, string? warmReason = null)
    {
        var made = new Instance[count];
        for (var i = 0; i < count; i++)
        {
            made[i] = intents.New(pool, stoppedTier, i >= count - warm ? warmReason : null);
        }

        return made;
    }

    /// <summary>Starts creating each of <paramref name="stored"/>, intents the caller has just stored.</summary>
    public void StartCreates(IReadOnlyList<Instance> stored)
    {
        intents.Stored(stored);
        foreach (var instance in stored)
        {
            StartCreate(instance);
        }
    }

    /// <summary>Starts creating a pending instance unless something is already under way for it.</summary>
    public void StartCreate(Instance instance) => inFlight.Start(instance.Name, ct => creation.RunAsync(instance.Name, ct));

    /// <summary>Starts a stopped machine for a job (its credential minted now), unless something is under way for it.</summary>
    public void StartStopped(Instance instance) => inFlight.Start(instance.Name, ct => starting.RunAsync(instance.Name, ct));

    /// <summary>Starts destroying an instance unless something is already under way for it.</summary>
    public void StartDestroy(Instance instance, DestroyReason reason) =>
        inFlight.Start(instance.Name, ct => destruction.RunAsync(instance.Name, reason, ct));

    /// <summary>Settles, once, an instance whose provider is no longer configured (<see cref="RemovedProviderInstances"/>).</summary>
    public void StartForgetRemovedProvider(Instance instance) =>
        inFlight.Start(instance.Name, ct => removedProvider.RunAsync(instance.Name, ct));

    /// <summary>
    /// Picks up work a previous pass or process left half done: intents never started, deletes never finished.
    /// A pending instance with attempts behind it is a failed create waiting out its backoff: not resumed here
    /// (<see cref="RetryDueCreatesAsync"/>).
    /// </summary>
    public void ResumeUnfinished(IEnumerable<Instance> instances)
    {
        foreach (var instance in instances)
        {
            if (instance.State == InstanceState.Pending && instance.Attempts == 0)
            {
                StartCreate(instance);
            }
            else if (instance.State == InstanceState.Deleting)
            {
                StartDestroy(instance, DestroyReason.Drained);
            }
        }
    }

    /// <summary>Starts the next attempt of every failed create whose backoff has passed, in the pools this replica owns
    /// (each under its pool's lease). Returns how many started.</summary>
    public async Task<int> RetryDueCreatesAsync(CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var instance in await retry.DueAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!inFlight.Contains(instance.Name) && ownership.OwnerOfPool(pools, instance.Pool) is { } owner)
            {
                using (owner.Enter())
                {
                    StartCreate(instance);
                }

                started++;
            }
        }

        return started;
    }

    /// <summary>Resolves an instance a previous process left provisioning (startup recovery). Returns what was done.</summary>
    public Task<string> RecoverInterruptedCreateAsync(Instance instance, CancellationToken cancellationToken) =>
        adoption.ResolveInterruptedCreateAsync(instance, cancellationToken);

    /// <summary>Deletes a machine of ours that no instance owns.</summary>
    public Task DeleteOrphanMachineAsync(string provider, string name, CancellationToken cancellationToken) =>
        slots.WithSlotAsync(provider, p => p.DeleteAsync(name, cancellationToken), cancellationToken);

    /// <summary>Removes a registration of ours that no instance owns. False when the forge keeps it because it is busy.</summary>
    public Task<bool> TryRemoveOrphanRegistrationAsync(string forge, ForgeTarget target, long runnerId, CancellationToken cancellationToken) =>
        credentials.TryRemoveOrphanAsync(forge, target, runnerId, cancellationToken);
}
