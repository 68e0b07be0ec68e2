using Hangar.Core.Planning;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>What the actuator did to the outside world. EventIds 1000–1049 (with <see cref="EngineLog"/>).</summary>
internal static partial class ActuationLog
{
    [LoggerMessage(EventId = 1000, EventName = "IntentStored", Level = LogLevel.Information,
        Message = "instance intent stored instance={Instance} pool={Pool}")]
    public static partial void IntentStored(ILogger logger, string instance, string pool);

    [LoggerMessage(EventId = 1001, EventName = "InstanceCreated", Level = LogLevel.Information,
        Message = "instance created instance={Instance} pool={Pool} provider_id={ProviderId}")]
    public static partial void Created(ILogger logger, string instance, string pool, string providerId);

    [LoggerMessage(EventId = 1002, EventName = "InstanceCreateFailed", Level = LogLevel.Warning,
        Message = "instance create failed instance={Instance} pool={Pool} error={Error}")]
    public static partial void CreateFailed(ILogger logger, string instance, string pool, string error);

    [LoggerMessage(EventId = 1003, EventName = "InstanceDestroying", Level = LogLevel.Information,
        Message = "instance destroy instance={Instance} reason={Reason}")]
    public static partial void Destroying(ILogger logger, string instance, DestroyReason reason);

    [LoggerMessage(EventId = 1004, EventName = "InstanceDeleted", Level = LogLevel.Information,
        Message = "instance deleted instance={Instance}")]
    public static partial void Deleted(ILogger logger, string instance);

    [LoggerMessage(EventId = 1005, EventName = "InstanceDestroyFailed", Level = LogLevel.Warning,
        Message = "instance destroy failed instance={Instance} error={Error}")]
    public static partial void DestroyFailed(ILogger logger, string instance, string error);

    [LoggerMessage(EventId = 1006, EventName = "RetireSkippedBusy", Level = LogLevel.Information,
        Message = "instance kept instance={Instance} reason=\"runner took a job while being retired\"")]
    public static partial void RetireSkippedBusy(ILogger logger, string instance);

    [LoggerMessage(EventId = 1009, EventName = "RunnerNameConflict", Level = LogLevel.Warning,
        Message = "runner name taken at the forge instance={Instance}; removing the stale registration and retrying")]
    public static partial void NameConflict(ILogger logger, string instance);

    [LoggerMessage(EventId = 1010, EventName = "DeregisterFailed", Level = LogLevel.Warning,
        Message = "forge deregistration failed instance={Instance} error={Error}")]
    public static partial void DeregisterFailed(ILogger logger, string instance, string error);

    [LoggerMessage(EventId = 1011, EventName = "CreateRetryScheduled", Level = LogLevel.Warning,
        Message = "instance create failed, retrying instance={Instance} attempt={Attempt} max={Max} retry_in={RetryIn} error={Error}")]
    public static partial void CreateRetryScheduled(ILogger logger, string instance, int attempt, int max, TimeSpan retryIn, string error);

    [LoggerMessage(EventId = 1012, EventName = "CreateGaveUp", Level = LogLevel.Error,
        Message = "instance create gave up instance={Instance} attempts={Attempts} error={Error}")]
    public static partial void CreateGaveUp(ILogger logger, string instance, int attempts, string error);

    [LoggerMessage(EventId = 1013, EventName = "ActuationFailed", Level = LogLevel.Error,
        Message = "actuation failed instance={Instance}")]
    public static partial void WorkFailed(ILogger logger, string instance, Exception exception);
}
