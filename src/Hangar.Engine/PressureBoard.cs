using System.Collections.Frozen;
using Hangar.Core.Planning;
using Hangar.Core.Storage;

namespace Hangar.Engine;

/// <summary>
/// Every flavor's pressure (<see cref="FlavorPressure"/>) as last counted, and a signal for each change. The converge
/// pass refreshes it at the end of every pass, so a job queued or completed shows within one pass; readers (the pressure
/// stream, the gauge) never touch the store. A process counts on its own: every replica on the same store shows the same
/// values once it has run a pass.
/// </summary>
public sealed class PressureBoard
{
    private readonly Lock _lock = new();
    private readonly PoolCatalog _pools;
    private readonly IStore _store;
    private PressureSnapshot _current = new(0, FrozenDictionary<string, int>.Empty);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _watchers;

    internal PressureBoard(PoolCatalog pools, IStore store, EngineMetrics metrics)
    {
        _pools = pools;
        _store = store;
        metrics.ObservePressure(() => Current.Values);
    }

    /// <summary>The last count; version 0 (and no values) until the first.</summary>
    public PressureSnapshot Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Streams open now (for the API's own accounting and tests: a dropped client must not stay counted).</summary>
    public int Watchers => Volatile.Read(ref _watchers);

    /// <summary>Counts every flavor's open jobs in one read and publishes the result when anything changed.</summary>
    public async Task<PressureSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var open = await _store.CountOpenJobsByPoolAsync([.. _pools.All.Select(p => p.Name)], cancellationToken).ConfigureAwait(false);
        var values = _pools.All.ToFrozenDictionary(p => p.Name, p => FlavorPressure.Of(p, open.GetValueOrDefault(p.Name)), StringComparer.Ordinal);
        lock (_lock)
        {
            if (_current.Version > 0 && _current.Values.Count == values.Count
                && values.All(v => _current.Values.TryGetValue(v.Key, out var old) && old == v.Value))
            {
                return _current;
            }

            _current = new PressureSnapshot(_current.Version + 1, values);
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
            return _current;
        }
    }

    /// <summary>The current snapshot once it is newer than <paramref name="version"/> (at once if it already is), counting
    /// at once when nothing was counted yet (a request before the first pass).</summary>
    public async Task<PressureSnapshot> NextAsync(long version, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_current.Version > version)
                {
                    return _current;
                }

                changed = _changed.Task;
            }

            if (version == 0)
            {
                return await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks a stream open until the returned handle is disposed.</summary>
    public IDisposable Watch()
    {
        Interlocked.Increment(ref _watchers);
        return new Watcher(this);
    }

    private sealed class Watcher(PressureBoard board) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref board._watchers);
            }
        }
    }
}
