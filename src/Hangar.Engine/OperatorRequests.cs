using Hangar.Core.Operators;
using Hangar.Core.Storage;

namespace Hangar.Engine;

/// <summary>
/// What operators stored through the API, applied by the engine: pool overrides into the <see cref="PoolCatalog"/>, and
/// runner removal requests for the planner. Read from the store by every replica's converge pass, so a write made on one
/// replica holds on all of them (PostgreSQL's change feed wakes the pool's owner at once); the replica that took the
/// write applies it without waiting for its next pass.
/// </summary>
public sealed class OperatorRequests
{
    private readonly IStore _store;
    private readonly PoolCatalog _pools;
    private readonly ConvergeSignal _signal;

    internal OperatorRequests(IStore store, PoolCatalog pools, ConvergeSignal signal)
    {
        _store = store;
        _pools = pools;
        _signal = signal;
    }

    /// <summary>Applies the stored overrides and returns the removal requests, by instance name (true: forced).</summary>
    internal async Task<IReadOnlyDictionary<string, bool>> RefreshAsync(CancellationToken cancellationToken)
    {
        _pools.ApplyOverrides(await _store.ListPoolOverridesAsync(cancellationToken).ConfigureAwait(false));
        var removals = await _store.ListRunnerRemovalsAsync(cancellationToken).ConfigureAwait(false);
        return removals.ToDictionary(r => r.Instance, r => r.Force, StringComparer.Ordinal);
    }

    /// <summary>After an operator's write was stored here: the overrides take effect at once and converge runs now.</summary>
    public async Task StoredAsync(CancellationToken cancellationToken)
    {
        _pools.ApplyOverrides(await _store.ListPoolOverridesAsync(cancellationToken).ConfigureAwait(false));
        _signal.Nudge();
    }

    /// <summary>The removal request of an instance, if an operator made one.</summary>
    internal async Task<RunnerRemoval?> RemovalOfAsync(string instance, CancellationToken cancellationToken) =>
        (await _store.ListRunnerRemovalsAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => string.Equals(r.Instance, instance, StringComparison.Ordinal));
}
