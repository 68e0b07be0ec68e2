using RabbitMQ.Client;

namespace Hangar.Server.RabbitMq;

/// <summary>
/// The queues both sides declare, identically (a declare with other arguments fails): the intake queue and its
/// dead-letter queue, both durable, on the default exchange. Declaring is idempotent, so whichever of a gateway and
/// a consumer comes first creates them, and the client re-declares them after it recovers a connection.
/// </summary>
internal static class IntakeTopology
{
    public static async Task DeclareAsync(IChannel channel, RabbitMqSettings settings, CancellationToken ct)
    {
        await channel.QueueDeclareAsync(settings.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct).ConfigureAwait(false);
        await channel.QueueDeclareAsync(settings.Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct).ConfigureAwait(false);
    }
}
