namespace Hangar.Core.Demand;

/// <summary>
/// A source of demand that pulls: the queued-jobs sweep today; the scale-set listener, the Forgejo jobs poller and the
/// RabbitMQ consumer later. Each runs in its own hosted service, which restarts it with backoff when it fails and is
/// where ownership by one replica (a lease) will gate it. Sources that are pushed to (webhooks) hand their events to
/// the <see cref="IJobEventSink"/> directly; both kinds enter through it.
/// </summary>
public interface IDemandSource
{
    /// <summary>Stable name, for logs, metrics and (later) the lease it runs under.</summary>
    string Name { get; }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled, handing every job change it learns to
    /// <paramref name="sink"/>. A failure it can absorb (one forge call) it logs and retries itself; an exception or a
    /// return before cancellation ends this run, and the host starts a new one after a backoff.
    /// </summary>
    Task RunAsync(IJobEventSink sink, CancellationToken cancellationToken);
}
