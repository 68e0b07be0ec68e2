using RabbitMQ.Client;

namespace Hangar.Server.RabbitMq;

/// <summary>The one way Hangar opens a broker connection: automatic recovery of the connection, its channels, the
/// queues it declared and its consumers after the broker restarts or the network drops.</summary>
internal static class RabbitMqConnections
{
    /// <summary>How often a lost connection is retried by the client's own recovery.</summary>
    private static readonly TimeSpan RecoveryInterval = TimeSpan.FromSeconds(1);

    public static Task<IConnection> OpenAsync(RabbitMqSettings settings, string role, int dispatchConcurrency, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = settings.Url,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = RecoveryInterval,
            RequestedHeartbeat = TimeSpan.FromSeconds(30),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = $"{settings.ClientName} {role}",
            ConsumerDispatchConcurrency = (ushort)Math.Max(1, dispatchConcurrency),
        };
        return factory.CreateConnectionAsync(ct);
    }
}
