using Hangar.Core.Demand;
using Hangar.Server.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Hangar.Server.RabbitMq;

/// <summary>
/// <c>serve</c>'s RabbitMQ demand source: consumes the intake queue with manual acks and a bounded prefetch. A message
/// is acknowledged only after <see cref="IJobEventSink"/> stored it (or found it a duplicate: the store dedupes by
/// delivery id, so a redelivery after a crash is stored once); a store failure requeues it after a pause; poison goes
/// to the dead-letter queue with its reason (<see cref="DeadLetters"/>). The client recovers the connection, channel
/// and consumer after a broker restart; this loop only retries the first connect and a channel closed for good.
/// </summary>
internal sealed class IntakeConsumer(
    IntakeBroker broker, DeadLetters deadLetters, IJobEventSink sink, WebhookSettings forges, IntakeMetrics metrics, TimeProvider time, ILogger<IntakeConsumer> logger)
    : BackgroundService
{
    private static readonly TimeSpan MinRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ChannelCheck = TimeSpan.FromSeconds(2);

    /// <summary>How long a message whose store failed waits before it is requeued (a store outage must not spin).</summary>
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(1);

    private RabbitMqSettings Settings => broker.Settings;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = MinRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilChannelLostAsync(stoppingToken).ConfigureAwait(false);
                retry = MinRetry;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                RabbitMqLog.Unreachable(logger, broker.Role, Settings.Describe(), retry, ex.Message);
                await Task.Delay(retry, time, stoppingToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
        }
    }

    private async Task ConsumeUntilChannelLostAsync(CancellationToken ct)
    {
        var connection = await broker.ConnectionAsync(ct).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            await channel.BasicQosAsync(0, (ushort)Settings.Prefetch, global: false, ct).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, ct);
            await channel.BasicConsumeAsync(Settings.Queue, autoAck: false, consumer, ct).ConfigureAwait(false);
            RabbitMqLog.Consuming(logger, Settings.Queue, Settings.Prefetch);

            // The client recovers a channel that went down with its connection; one closed by the broker while the
            // connection stays up (a channel error) is gone for good, and is replaced here.
            using var timer = new PeriodicTimer(ChannelCheck, time);
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                if (!channel.IsOpen && connection.IsOpen)
                {
                    return;
                }
            }
        }
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken ct)
    {
        var properties = delivery.BasicProperties;
        var decoding = IntakeMessageCodec.Decode(delivery.Body.Span, properties.Type, name => forges.Find(name) is not null);
        if (!decoding.IsEvent)
        {
            await DeadLetterAsync(channel, delivery, decoding.PoisonKind, decoding.Reason, ct).ConfigureAwait(false);
            return;
        }

        var jobEvent = decoding.Event;
        using var span = Core.Telemetry.JobTrace.StartEvent("intake.consume", System.Diagnostics.ActivityKind.Consumer, jobEvent, TraceHeaders.Extract(properties.Headers));
        span?.SetTag("messaging.system", "rabbitmq");
        span?.SetTag("messaging.destination.name", Settings.Queue);
        span?.SetTag("messaging.rabbitmq.redelivered", delivery.Redelivered);
        Core.Storage.JobEventOutcome outcome;
        try
        {
            outcome = await sink.SubmitAsync(jobEvent, ct).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // The store refused the event itself (a value out of its range): retrying would fail forever.
            await DeadLetterAsync(channel, delivery, IntakeMessageCodec.Invalid, $"the store refused it: {ex.Message}", ct).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            RabbitMqLog.StoreFailed(logger, jobEvent.Forge, jobEvent.DeliveryId, StoreRetry, ex.Message);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "store failed");
            await Task.Delay(StoreRetry, time, ct).ConfigureAwait(false);
            await SettleAsync(() => channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, ct), properties.MessageId).ConfigureAwait(false);
            metrics.Consumed("requeued");
            return;
        }

        var name = outcome.ToString().ToLowerInvariant();
        span?.SetTag("hangar.outcome", name);
        RabbitMqLog.Stored(logger, jobEvent.Forge, jobEvent.DeliveryId, name);
        await SettleAsync(() => channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct), properties.MessageId).ConfigureAwait(false);
        metrics.Consumed(name);
    }

    private async Task DeadLetterAsync(IChannel channel, BasicDeliverEventArgs delivery, string kind, string reason, CancellationToken ct)
    {
        try
        {
            await deadLetters.MoveAsync(delivery, kind, reason, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Not on the dead-letter queue yet: keep it on the intake queue for another try.
            RabbitMqLog.StoreFailed(logger, "-", delivery.BasicProperties.MessageId, StoreRetry, $"dead-lettering failed: {ex.Message}");
            await Task.Delay(StoreRetry, time, ct).ConfigureAwait(false);
            await SettleAsync(() => channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, ct), delivery.BasicProperties.MessageId).ConfigureAwait(false);
            metrics.Consumed("requeued");
            return;
        }

        RabbitMqLog.DeadLettered(logger, Settings.DeadLetterQueue, kind, reason, delivery.BasicProperties.MessageId);
        await SettleAsync(() => channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct), delivery.BasicProperties.MessageId).ConfigureAwait(false);
        metrics.DeadLettered(kind);
        metrics.Consumed("dead_lettered");
    }

    /// <summary>An ack or nack that cannot reach the broker (the connection dropped meanwhile) is not an error: the
    /// broker redelivers the message, and the store drops it as a duplicate.</summary>
    private async Task SettleAsync(Func<ValueTask> settle, string? messageId)
    {
        try
        {
            await settle().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            RabbitMqLog.SettleFailed(logger, messageId, ex.Message);
        }
    }
}
