using Hangar.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// <see cref="IStoreChanges"/> for a PostgreSQL store: one connection per process held in <c>LISTEN</c> on
/// <see cref="PostgresChanges.Channel"/>, so a webhook stored by any replica wakes the pool's owner as the intake
/// transaction commits, not on its next timer. A lost connection is reported (<see cref="StoreChangeKind.Lost"/>) and
/// opened again (1 s, doubling to 30 s). Each time the connection listens, and to a subscriber that joins while it
/// does, the feed says <see cref="StoreChangeKind.Resync"/>: what was committed before is not notified, so a subscriber
/// keeping state reads it again then, and trusts nothing it holds between a <c>Lost</c> and the next <c>Resync</c>.
/// </summary>
internal sealed class PostgresChangeFeed(PostgresStore store, TimeProvider time, ILogger<PostgresChangeFeed> logger) : BackgroundService, IStoreChanges
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private Action<StoreChange>[] _subscribers = [];

    /// <summary>True while the connection is listening (health and tests).</summary>
    public bool Listening { get; private set; }

    public IDisposable Subscribe(Action<StoreChange> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        // Under the gate that also orders Lost and Resync: a subscriber never hears them out of order.
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onChange];
            if (Listening)
            {
                onChange(new StoreChange(StoreChangeKind.Resync));
            }
        }

        return new Subscription(this, onChange);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.DataSource.OpenConnectionAsync(stoppingToken);
                var schema = await CurrentSchemaAsync(connection, stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (PostgresChanges.Parse(e.Payload, schema) is { } change)
                    {
                        Publish(change);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChanges.Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Anything committed before this connection listened was notified to nobody here.
                lock (_gate)
                {
                    Listening = true;
                    Publish(new StoreChange(StoreChangeKind.Resync));
                }

                retry = FirstRetry;
                PostgresStoreLog.ListenerConnected(logger, store.Name);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    Listening = false;
                    Publish(new StoreChange(StoreChangeKind.Lost));
                }

                PostgresStoreLog.ListenerLost(logger, ex, store.Name, retry);
            }

            try
            {
                await Task.Delay(retry, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = retry * 2 < MaxRetry ? retry * 2 : MaxRetry;
        }
    }

    private static async Task<string> CurrentSchemaAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(current_schema(), '');", connection);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    private void Publish(StoreChange change)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(change);
            }
            catch (Exception ex)
            {
                PostgresStoreLog.SubscriberFailed(logger, ex, change.Kind);
            }
        }
    }

    private void Unsubscribe(Action<StoreChange> onChange)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != onChange)];
        }
    }

    private sealed class Subscription(PostgresChangeFeed feed, Action<StoreChange> onChange) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(onChange);
    }
}
