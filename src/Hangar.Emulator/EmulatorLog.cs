using Microsoft.Extensions.Logging;

namespace Hangar.Emulator;

/// <summary>The GitHub emulator's log events: 8000–8299 (8000–8019 host and state, 8020–8039 webhooks).</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(EventId = 8000, EventName = "EmulatorListening", Level = LogLevel.Information, Message = "GitHub emulator listening on {ApiUrl}")]
    public static partial void Listening(ILogger logger, Uri apiUrl);

    [LoggerMessage(EventId = 8001, EventName = "EmulatorJobsQueued", Level = LogLevel.Information, Message = "Queued {Count} job(s) for {Repository} with labels {Labels}")]
    public static partial void JobsQueued(ILogger logger, int count, string repository, string labels);

    [LoggerMessage(EventId = 8002, EventName = "EmulatorRunnerRegistered", Level = LogLevel.Information, Message = "Runner {RunnerName} ({RunnerId}) registered at {Scope}")]
    public static partial void RunnerRegistered(ILogger logger, string runnerName, long runnerId, string scope);

    [LoggerMessage(EventId = 8003, EventName = "EmulatorJobAssigned", Level = LogLevel.Information, Message = "Runner {RunnerName} ({RunnerId}) took job {JobId}")]
    public static partial void JobAssigned(ILogger logger, string runnerName, long runnerId, long jobId);

    [LoggerMessage(EventId = 8004, EventName = "EmulatorJobCompleted", Level = LogLevel.Information, Message = "Job {JobId} completed by runner {RunnerName} with conclusion {Conclusion}")]
    public static partial void JobCompleted(ILogger logger, long jobId, string runnerName, string conclusion);

    [LoggerMessage(EventId = 8005, EventName = "EmulatorRunnerRemoved", Level = LogLevel.Information, Message = "Runner {RunnerId} removed from {Scope}")]
    public static partial void RunnerRemoved(ILogger logger, long runnerId, string scope);

    [LoggerMessage(EventId = 8020, EventName = "EmulatorWebhookDelivered", Level = LogLevel.Debug, Message = "Delivered workflow_job {Action} for job {JobId} (delivery {DeliveryId}, attempt {Attempt}): {StatusCode}")]
    public static partial void Delivered(ILogger logger, string action, long jobId, Guid deliveryId, int attempt, int statusCode);

    [LoggerMessage(EventId = 8021, EventName = "EmulatorWebhookRetrying", Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({Action}, job {JobId}) failed on attempt {Attempt}: {Error}; retrying in {Delay}")]
    public static partial void DeliveryRetrying(ILogger logger, Guid deliveryId, string action, long jobId, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 8022, EventName = "EmulatorWebhookGivenUp", Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({Action}, job {JobId}) failed on attempt {Attempt}: {Error}; not retrying")]
    public static partial void DeliveryGivenUp(ILogger logger, Guid deliveryId, string action, long jobId, int attempt, string error);

    [LoggerMessage(EventId = 8023, EventName = "EmulatorWebhookFault", Level = LogLevel.Information, Message = "Webhook fault {Fault}: {Action} for job {JobId} (delivery {DeliveryId})")]
    public static partial void WebhookFault(ILogger logger, string fault, string action, long jobId, Guid deliveryId);

    [LoggerMessage(EventId = 8100, EventName = "EmulatorScaleSetCreated", Level = LogLevel.Information, Message = "Scale set {ScaleSetName} ({ScaleSetId}) created at {Scope}")]
    public static partial void ScaleSetCreated(ILogger logger, string scaleSetName, long scaleSetId, string scope);

    [LoggerMessage(EventId = 8101, EventName = "EmulatorSessionCreated", Level = LogLevel.Information, Message = "Session {SessionId} of scale set {ScaleSetName} ({ScaleSetId}) opened by {OwnerName}")]
    public static partial void SessionCreated(ILogger logger, string scaleSetName, long scaleSetId, Guid sessionId, string ownerName);

    [LoggerMessage(EventId = 8102, EventName = "EmulatorSessionConflict", Level = LogLevel.Information, Message = "Session create for scale set {ScaleSetName} ({ScaleSetId}) refused: another session is alive")]
    public static partial void SessionConflict(ILogger logger, string scaleSetName, long scaleSetId);

    [LoggerMessage(EventId = 8103, EventName = "EmulatorJobsAcquired", Level = LogLevel.Information, Message = "Acquired {Acquired} of {Requested} job(s) for scale set {ScaleSetId}")]
    public static partial void JobsAcquired(ILogger logger, int acquired, int requested, long scaleSetId);

    [LoggerMessage(EventId = 8104, EventName = "EmulatorMessageAcknowledged", Level = LogLevel.Debug, Message = "Message {MessageId} of scale set {ScaleSetId} acknowledged (was in flight: {InFlight})")]
    public static partial void MessageAcknowledged(ILogger logger, long messageId, long scaleSetId, bool inFlight);
}
