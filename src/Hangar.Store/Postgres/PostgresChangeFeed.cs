using Hangar.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// <see cref="IStoreChanges"/> for a PostgreSQL store: one connection per process held in <c>LISTEN</c> on
/// <see cref="PostgresChanges.Channel"/>, so a webhook stored by any replica wakes the pool's owner as the intake
/// transaction commits, not on its next timer. A lost connection is opened again (1 s, doubling to 30 s) and
/// subscribers then get <see cref="StoreChangeKind.Resync"/>: notifications sent meanwhile are gone, so they look again.
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
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onChange];
        }

        return new Subscription(this, onChange);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var connected = false;
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

                Listening = true;
                if (connected)
                {
                    // Anything committed while the connection was down was notified to nobody.
                    Publish(new StoreChange(StoreChangeKind.Resync));
                }

                connected = true;
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
                Listening = false;
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
