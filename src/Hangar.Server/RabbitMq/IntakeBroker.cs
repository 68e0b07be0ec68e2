using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Hangar.Server.RabbitMq;

/// <summary>
/// This process's one connection to the broker, opened on first use (the queues declared with it) and then kept: the
/// client recovers it, its channels and consumers by itself after a broker restart. Only the first open can fail for
/// good; a caller sees that as an exception and tries again later.
/// </summary>
internal sealed class IntakeBroker(RabbitMqSettings settings, string role, ILogger<IntakeBroker> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;

    public RabbitMqSettings Settings => settings;

    public string Role => role;

    /// <summary>True while the connection is up (false before the first open and while recovering).</summary>
    public bool IsOpen => _connection?.IsOpen == true;

    /// <exception cref="RabbitMQ.Client.Exceptions.BrokerUnreachableException">The first open failed.</exception>
    public async Task<IConnection> ConnectionAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _connection) is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_connection is { } raced)
            {
                return raced;
            }

            var connection = await RabbitMqConnections.OpenAsync(settings, role, Math.Min(settings.Prefetch, 32), ct).ConfigureAwait(false);
            try
            {
                await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false))
                {
                    await IntakeTopology.DeclareAsync(channel, settings, ct).ConfigureAwait(false);
                }
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            connection.ConnectionShutdownAsync += (_, e) =>
            {
                if (e.Initiator != ShutdownInitiator.Application)
                {
                    RabbitMqLog.ConnectionLost(logger, role, e.ReplyText);
                }

                return Task.CompletedTask;
            };
            connection.RecoverySucceededAsync += (_, _) =>
            {
                RabbitMqLog.ConnectionRecovered(logger, role);
                return Task.CompletedTask;
            };
            RabbitMqLog.Connected(logger, role, settings.Describe(), settings.DeadLetterQueue);
            Volatile.Write(ref _connection, connection);
            return connection;
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            try
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or OperationCanceledException)
            {
                // Shutting down while the broker is away: nothing to close cleanly.
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _opening.Dispose();
    }
}
