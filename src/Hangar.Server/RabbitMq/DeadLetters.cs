using System.Globalization;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Hangar.Server.RabbitMq;

/// <summary>
/// The dead-letter queue: poison moved there with why (headers <see cref="ReasonHeader"/>, <see cref="KindHeader"/>,
/// <see cref="AtHeader"/>), and read back without taking anything off it. RabbitMQ's own dead-lettering (a nack
/// without requeue) would only say "rejected", so the consumer publishes the copy itself, confirmed, before it acks.
/// </summary>
internal sealed class DeadLetters(IntakeBroker broker, ConfirmingPublisher publisher, TimeProvider time)
{
    public const string ReasonHeader = "x-hangar-reason";
    public const string KindHeader = "x-hangar-kind";
    public const string AtHeader = "x-hangar-dead-lettered-at";
    public const string QueueHeader = "x-hangar-original-queue";

    /// <summary>How many messages one look reads at most.</summary>
    public const int MaxPeek = 500;

    /// <exception cref="RabbitMQ.Client.Exceptions.PublishException">The broker refused the copy.</exception>
    public async Task MoveAsync(BasicDeliverEventArgs delivery, string kind, string reason, CancellationToken ct)
    {
        var original = delivery.BasicProperties;
        var headers = original.Headers is { } h ? new Dictionary<string, object?>(h, StringComparer.Ordinal) : new Dictionary<string, object?>(StringComparer.Ordinal);
        headers[ReasonHeader] = reason;
        headers[KindHeader] = kind;
        headers[AtHeader] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        headers[QueueHeader] = broker.Settings.Queue;
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = original.ContentType,
            Type = original.Type,
            MessageId = original.MessageId,
            AppId = original.AppId,
            Timestamp = original.Timestamp,
            Headers = headers,
        };
        await publisher.PublishAsync(broker.Settings.DeadLetterQueue, properties, delivery.Body.ToArray(), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> dead letters, oldest first, and how many the queue holds. Each is fetched without
    /// an ack and the channel closed after: the broker puts them all back where they were.
    /// </summary>
    public async Task<DeadLetterPage> PeekAsync(int limit, CancellationToken ct)
    {
        var connection = await broker.ConnectionAsync(ct).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            var total = await channel.MessageCountAsync(broker.Settings.DeadLetterQueue, ct).ConfigureAwait(false);
            var items = new List<DeadLetter>();
            while (items.Count < Math.Min(limit, MaxPeek)
                   && await channel.BasicGetAsync(broker.Settings.DeadLetterQueue, autoAck: false, ct).ConfigureAwait(false) is { } message)
            {
                items.Add(DeadLetter.From(message.BasicProperties, message.Body.Span));
            }

            await channel.CloseAsync(ct).ConfigureAwait(false);
            return new DeadLetterPage(broker.Settings.DeadLetterQueue, total, items);
        }
    }
}
