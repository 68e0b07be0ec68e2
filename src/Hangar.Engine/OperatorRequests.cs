using Hangar.Core.Operators;
using Hangar.Core.Storage;

namespace Hangar.Engine;

/// <summary>
/// What operators stored through the API, applied by the engine: pool overrides into the <see cref="PoolCatalog"/>, and
/// runner removal requests for the planner. Read from the store by every replica's converge pass when they changed, so a write made on one
/// replica holds on all of them (PostgreSQL's change feed wakes the pool's owner at once); the replica that took the
/// write applies it without waiting for its next pass.
/// </summary>
public sealed class OperatorRequests
{
    private readonly IStore _store;
    private readonly PoolCatalog _pools;
    private readonly ConvergeSignal _signal;
    private readonly IOperatorRequestChanges? _changes;

    // What the last read found, and the version it was read at; replaced whole, so a reader never sees half of it.
    private volatile Read? _last;

    internal OperatorRequests(IStore store, PoolCatalog pools, ConvergeSignal signal, IOperatorRequestChanges? changes = null)
    {
        _store = store;
        _pools = pools;
        _signal = signal;
        _changes = changes;
    }

    /// <summary>
    /// Applies the stored overrides and returns the removal requests, by instance name (true: forced). With a source of
    /// changes (the live view's store: its own writes and the change feed) the tables are read only when it says they
    /// changed; without one, on every call. A kept request may name a runner deleted since, which no plan meets again.
    /// </summary>
    internal async Task<IReadOnlyDictionary<string, bool>> RefreshAsync(CancellationToken cancellationToken)
    {
        // Read before the tables: a change committed after this moves it again, and the next call reads once more.
        var version = _changes?.Version;
        if (version is not null && _last is { } last && last.Version == version)
        {
            return last.Removals;
        }

        _pools.ApplyOverrides(await _store.ListPoolOverridesAsync(cancellationToken).ConfigureAwait(false));
        var removals = (await _store.ListRunnerRemovalsAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r.Instance, r => r.Force, StringComparer.Ordinal);
        _last = new Read(version, removals);
        return removals;
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

    private sealed record Read(long? Version, IReadOnlyDictionary<string, bool> Removals);
}
