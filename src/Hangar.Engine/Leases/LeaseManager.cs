using System.Collections.Concurrent;
using Hangar.Core.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Leases;

/// <summary>
/// Takes and renews this replica's leases in one round trip per round (every <see cref="LeaseOptions.RenewInterval"/>,
/// and as soon as another replica's lease runs out, so a dead replica's work moves within one lease duration). A lease
/// is lost — its <see cref="LeasedWork.Lost"/> cancelled at once — when a round finds another holder or a new epoch,
/// and when it could not be renewed by <see cref="LeaseOptions.Margin"/> before it runs out (the database unreachable,
/// or this process paused). Writes are fenced by the epoch anyway (<see cref="LeaseFence"/>); stopping early keeps new
/// provider calls from starting. On shutdown the held leases are released, so another replica takes over at once.
/// </summary>
internal sealed class LeaseManager : BackgroundService, ILeaseOwnership
{
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ReleaseWait = TimeSpan.FromSeconds(3);

    private readonly ILeaseStore _store;
    private readonly LeaseOptions _options;
    private readonly LeaseMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<LeaseManager> _logger;
    private readonly ConcurrentDictionary<string, byte> _wanted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LeaseHolding> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lease> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pinnedElsewhere = new(StringComparer.Ordinal);
    private readonly HashSet<string> _spreadable = new(StringComparer.Ordinal);
    private readonly PoolSpread _spread;
    private TaskCompletionSource _roundDone = NewSignal();
    private TaskCompletionSource _wake = NewSignal();

    public LeaseManager(ILeaseStore store, LeaseOptions options, PoolCatalog pools, LeaseMetrics metrics, TimeProvider time, ILogger<LeaseManager> logger)
    {
        _store = store;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        var replica = string.IsNullOrEmpty(options.Replica) ? Environment.MachineName : options.Replica;
        Holder = $"{replica}/{Guid.NewGuid().ToString("N")[..8]}";
        _spread = new PoolSpread(options.Duration);
        _wanted.TryAdd(LeaseNames.Replica(replica), 0);
        foreach (var pool in pools.All)
        {
            if (pool.Replica is null || string.Equals(pool.Replica, replica, StringComparison.Ordinal))
            {
                _wanted.TryAdd(LeaseNames.Pool(pool.Name), 0);
                if (pool.Replica is null)
                {
                    _spreadable.Add(LeaseNames.Pool(pool.Name));
                }
            }
            else
            {
                _pinnedElsewhere.Add(LeaseNames.Pool(pool.Name));
            }
        }

        metrics.ObserveHeld(() => _held.Where(h => h.Value.Ready && !h.Value.Work.IsLost).Select(h => h.Key));
    }

    public string Holder { get; }

    public bool IsSingleReplica => false;

    public event Func<LeasedWork, CancellationToken, Task>? Acquired;

    /// <summary>Every sought lease as last read from the store (whoever holds it), for the API and tests.</summary>
    public IReadOnlyDictionary<string, Lease> Seen => _seen;

    public LeasedWork? TryGet(string lease)
    {
        // A pool pinned to another replica is never sought here, whoever asks.
        if (_pinnedElsewhere.Contains(lease))
        {
            return null;
        }

        if (_wanted.TryAdd(lease, 0))
        {
            _wake.TrySetResult();
        }

        return _held.TryGetValue(lease, out var holding) && holding.Ready && !holding.Work.IsLost ? holding.Work : null;
    }

    public async Task<LeasedWork> AcquireAsync(string lease, CancellationToken cancellationToken)
    {
        while (true)
        {
            var round = Volatile.Read(ref _roundDone).Task;
            if (TryGet(lease) is { } work)
            {
                return work;
            }

            await round.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LeaseLog.Started(_logger, Holder, _options.Duration, _options.RenewInterval);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = await RoundAsync(stoppingToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _roundDone, NewSignal()).TrySetResult();
                await WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: StopAsync releases what is held.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        var held = _held.Keys.ToArray();
        foreach (var name in held)
        {
            Lose(name, "shutdown");
        }

        if (held.Length == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(ReleaseWait);
            await _store.ReleaseAsync(held, Holder, _time.GetUtcNow(), timeout.Token).ConfigureAwait(false);
            LeaseLog.Released(_logger, Holder, held.Length);
        }
        catch (Exception ex)
        {
            LeaseLog.ReleaseFailed(_logger, ex, Holder);
        }
    }

    /// <summary>One round: take or renew every sought lease, then settle what changed. Returns the wait before the next.</summary>
    private async Task<TimeSpan> RoundAsync(CancellationToken ct)
    {
        var wait = _options.RenewInterval;
        IReadOnlyList<Lease> leases;
        DateTimeOffset sentAt;
        try
        {
            var rows = await _store.ListLeasesAsync(ct).ConfigureAwait(false);
            var names = await SpreadAsync(rows, ct).ConfigureAwait(false);
            foreach (var row in rows.Where(r => _spreadable.Contains(r.Name) && !names.Contains(r.Name) && r.ExpiresAt > _time.GetUtcNow()))
            {
                // Not sought while another replica holds it: look again the moment that runs out.
                wait = Min(wait, row.ExpiresAt - _time.GetUtcNow());
            }

            sentAt = _time.GetUtcNow();
            leases = await _store.AcquireAsync(names, Holder, _options.Duration, sentAt, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Held leases keep their timers: each is lost when it runs out, unless a later round renews it first.
            LeaseLog.RenewFailed(_logger, ex, Holder);
            return Min(_options.RenewInterval, TimeSpan.FromSeconds(1));
        }

        foreach (var lease in leases)
        {
            _seen[lease.Name] = lease;
            if (lease.IsHeldBy(Holder, sentAt))
            {
                Keep(lease, sentAt);
            }
            else
            {
                if (_held.ContainsKey(lease.Name))
                {
                    Lose(lease.Name, "taken");
                }

                // Try again the moment the other holder's lease runs out.
                wait = Min(wait, lease.ExpiresAt - _time.GetUtcNow());
            }
        }

        return wait < MinWait ? MinWait : wait;
    }

    /// <summary>The leases to ask for this round: every wanted one, but pools only as <see cref="PoolSpread"/> decides;
    /// gives up the one pool it says to.</summary>
    private async Task<HashSet<string>> SpreadAsync(IReadOnlyList<Lease> rows, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var held = _held.Keys.ToHashSet(StringComparer.Ordinal);
        var decision = _spread.Decide(rows, Holder, _spreadable, held, now);
        if (decision.Release is { } release)
        {
            Lose(release, "rebalanced");
            await _store.ReleaseAsync([release], Holder, now, ct).ConfigureAwait(false);
            LeaseLog.ReleasedToSpread(_logger, release, Holder, held.Count(_spreadable.Contains), decision.Target, decision.LiveReplicas);
        }

        return _wanted.Keys.Where(n => !_spreadable.Contains(n) || decision.Seek.Contains(n)).ToHashSet(StringComparer.Ordinal);
    }

    private void Keep(Lease lease, DateTimeOffset sentAt)
    {
        // Counted from before the request went out: the row says the lease lasts until sentAt + duration.
        var remaining = sentAt + _options.Duration - _options.Margin - _time.GetUtcNow();
        if (_held.TryGetValue(lease.Name, out var holding) && holding.Work.Epoch == lease.Epoch && !holding.Work.IsLost)
        {
            holding.LostSource.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            return;
        }

        if (holding is not null)
        {
            Lose(lease.Name, holding.Work.IsLost ? "expired" : "epoch changed");
        }

        var lost = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time);
        var fence = new LeaseFence(lease.Name, Holder, lease.Epoch) { Lost = lost.Token };
        var taken = new LeaseHolding(new LeasedWork(lease.Name, lease.Epoch, fence, lost.Token), lost);
        _held[lease.Name] = taken;
        _metrics.Acquired(lease.Name);
        LeaseLog.Acquired(_logger, lease.Name, Holder, lease.Epoch);
        _ = Task.Run(() => TakeOverAsync(taken));
    }

    /// <summary>Take-over work (recovering what the previous holder left) runs before the lease's work is handed out,
    /// off the lease loop so renewals never wait for it.</summary>
    private async Task TakeOverAsync(LeaseHolding holding)
    {
        if (Acquired is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<LeasedWork, CancellationToken, Task>>())
            {
                try
                {
                    using (holding.Work.Enter())
                    {
                        await handler(holding.Work, holding.Work.Lost).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (!holding.Work.IsLost)
                {
                    LeaseLog.TakeoverFailed(_logger, ex, holding.Work.Lease);
                }
                catch (Exception)
                {
                    // Lost meanwhile: the next holder runs its own take-over.
                }
            }
        }

        holding.Ready = true;
        Interlocked.Exchange(ref _roundDone, NewSignal()).TrySetResult();
    }

    private void Lose(string name, string reason)
    {
        if (!_held.TryRemove(name, out var holding))
        {
            return;
        }

        // Cancel first: the work stops before anything else happens here.
        holding.LostSource.Cancel();
        _metrics.Lost(name, reason);
        // Not disposed: work may still link its token, which stays cancelled.
        LeaseLog.Lost(_logger, name, Holder, holding.Work.Epoch, reason);
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken ct)
    {
        var wake = Volatile.Read(ref _wake);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(wait, _time, stop.Token);
        await Task.WhenAny(delay, wake.Task).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        if (wake.Task.IsCompleted)
        {
            // A new lease is sought: the next round asks for it now, and a later want wakes the round after.
            Interlocked.CompareExchange(ref _wake, NewSignal(), wake);
        }

        ct.ThrowIfCancellationRequested();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
