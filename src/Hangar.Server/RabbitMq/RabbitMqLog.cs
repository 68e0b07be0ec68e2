using Microsoft.Extensions.Logging;

namespace Hangar.Server.RabbitMq;

/// <summary>The gateway's and the RabbitMQ consumer's events: 5400–5499.</summary>
internal static partial class RabbitMqLog
{
    [LoggerMessage(EventId = 5400, EventName = "BrokerConnected", Level = LogLevel.Information,
        Message = "rabbitmq connected role={Role} broker={Broker} dead_letter_queue={DeadLetterQueue}")]
    public static partial void Connected(ILogger logger, string role, string broker, string deadLetterQueue);

    [LoggerMessage(EventId = 5401, EventName = "BrokerUnreachable", Level = LogLevel.Warning,
        Message = "rabbitmq unreachable role={Role} broker={Broker} retry_in={RetryIn} error=\"{Error}\"")]
    public static partial void Unreachable(ILogger logger, string role, string broker, TimeSpan retryIn, string error);

    [LoggerMessage(EventId = 5402, EventName = "BrokerConnectionLost", Level = LogLevel.Warning,
        Message = "rabbitmq connection lost role={Role} reason=\"{Reason}\" (recovering automatically)")]
    public static partial void ConnectionLost(ILogger logger, string role, string reason);

    [LoggerMessage(EventId = 5403, EventName = "BrokerConnectionRecovered", Level = LogLevel.Information,
        Message = "rabbitmq connection recovered role={Role}")]
    public static partial void ConnectionRecovered(ILogger logger, string role);

    [LoggerMessage(EventId = 5410, EventName = "GatewayPublishFailed", Level = LogLevel.Warning,
        Message = "gateway could not publish forge={Forge} delivery={Delivery} result={Result} error=\"{Error}\" (answered 503)")]
    public static partial void PublishFailed(ILogger logger, string forge, string? delivery, string result, string error);

    [LoggerMessage(EventId = 5411, EventName = "GatewayStarted", Level = LogLevel.Information,
        Message = "hangar gateway started listen={Listen} broker={Broker} forges={Forges}")]
    public static partial void GatewayStarted(ILogger logger, string listen, string broker, int forges);

    [LoggerMessage(EventId = 5420, EventName = "IntakeConsuming", Level = LogLevel.Information,
        Message = "consuming queue={Queue} prefetch={Prefetch}")]
    public static partial void Consuming(ILogger logger, string queue, int prefetch);

    [LoggerMessage(EventId = 5421, EventName = "IntakeDeadLettered", Level = LogLevel.Warning,
        Message = "intake message dead-lettered queue={DeadLetterQueue} kind={Kind} reason=\"{Reason}\" message_id={MessageId}")]
    public static partial void DeadLettered(ILogger logger, string deadLetterQueue, string kind, string reason, string? messageId);

    [LoggerMessage(EventId = 5422, EventName = "IntakeStoreFailed", Level = LogLevel.Warning,
        Message = "intake could not store forge={Forge} delivery={Delivery} retry_in={RetryIn} error=\"{Error}\" (requeued, not acknowledged)")]
    public static partial void StoreFailed(ILogger logger, string forge, string? delivery, TimeSpan retryIn, string error);

    [LoggerMessage(EventId = 5423, EventName = "IntakeSettleFailed", Level = LogLevel.Debug,
        Message = "intake could not acknowledge message_id={MessageId} error=\"{Error}\" (the broker redelivers it; the store drops the duplicate)")]
    public static partial void SettleFailed(ILogger logger, string? messageId, string error);

    [LoggerMessage(EventId = 5424, EventName = "IntakeStored", Level = LogLevel.Debug,
        Message = "intake stored forge={Forge} delivery={Delivery} outcome={Outcome}")]
    public static partial void Stored(ILogger logger, string forge, string? delivery, string outcome);

    [LoggerMessage(EventId = 5430, EventName = "IntakeQueueStatsFailed", Level = LogLevel.Debug,
        Message = "reading intake queue depths failed error=\"{Error}\"")]
    public static partial void QueueStatsFailed(ILogger logger, string error);
}
