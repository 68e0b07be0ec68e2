using Hangar.Core.Planning;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Actuation;

/// <summary>What the actuator did to the outside world. EventIds 1000–1049 (with <see cref="EngineLog"/>) and 1100–1199.</summary>
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
        Message = "instance kept instance={Instance} destroy_reason={Reason}: its runner holds a job; it is drained after the job")]
    public static partial void RetireSkippedBusy(ILogger logger, string instance, DestroyReason reason);

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

    [LoggerMessage(EventId = 1100, EventName = "AdoptionCheckFailed", Level = LogLevel.Warning,
        Message = "could not tell whether a failed create's machine runs instance={Instance} error={Error}; it is kept and looked up again at the retry")]
    public static partial void AdoptionCheckFailed(ILogger logger, string instance, string error);

    [LoggerMessage(EventId = 1101, EventName = "LeftoverMachineAdopted", Level = LogLevel.Information,
        Message = "create retry found the earlier attempt's machine running and adopted it instance={Instance} provider_id={ProviderId}")]
    public static partial void LeftoverAdopted(ILogger logger, string instance, string providerId);

    [LoggerMessage(EventId = 1102, EventName = "RunnerKilledAtHardCap", Level = LogLevel.Warning,
        Message = "runner killed with its job instance={Instance} jobs={Jobs} reason=\"{Reason}\"")]
    public static partial void KilledAtHardCap(ILogger logger, string instance, string jobs, string reason);

    [LoggerMessage(EventId = 1150, EventName = "PoolDegraded", Level = LogLevel.Warning,
        Message = "pool degraded: creates held back pool={Pool} failures={Failures} retry_in={RetryIn} error={Error}")]
    public static partial void PoolDegraded(ILogger logger, string pool, int failures, TimeSpan retryIn, string error);

    [LoggerMessage(EventId = 1151, EventName = "PoolRecovered", Level = LogLevel.Information,
        Message = "pool recovered: a create succeeded pool={Pool}")]
    public static partial void PoolRecovered(ILogger logger, string pool);

    [LoggerMessage(EventId = 1152, EventName = "CreateHeldBack", Level = LogLevel.Debug,
        Message = "create held back while the pool is degraded instance={Instance} pool={Pool}")]
    public static partial void CreateHeldBack(ILogger logger, string instance, string pool);

    [LoggerMessage(EventId = 1153, EventName = "InstanceOfRemovedProvider", Level = LogLevel.Warning,
        Message = "instance forgotten: provider '{Provider}' is no longer configured, its machine (if any) was not deleted instance={Instance}")]
    public static partial void ProviderGone(ILogger logger, string provider, string instance);

    [LoggerMessage(EventId = 1154, EventName = "IntentOfMovedPool", Level = LogLevel.Information,
        Message = "intent failed: its pool moved to another provider instance={Instance} pool={Pool} from={From} to={To}")]
    public static partial void PoolMovedProvider(ILogger logger, string instance, string pool, string from, string to);

    [LoggerMessage(EventId = 1170, EventName = "WorkFenced", Level = LogLevel.Warning,
        Message = "work on instance={Instance} stopped: lease={Lease} epoch={Epoch} changed hands and the store refused its write")]
    public static partial void WorkFenced(ILogger logger, string instance, string lease, long epoch);

    [LoggerMessage(EventId = 1120, EventName = "InstancePrepared", Level = LogLevel.Information,
        Message = "instance prepared and kept stopped instance={Instance} pool={Pool} provider_id={ProviderId}")]
    public static partial void Prepared(ILogger logger, string instance, string pool, string providerId);

    [LoggerMessage(EventId = 1121, EventName = "StoppedInstanceStarted", Level = LogLevel.Information,
        Message = "stopped instance started for a job instance={Instance} pool={Pool} provider_id={ProviderId}")]
    public static partial void StoppedStarted(ILogger logger, string instance, string pool, string providerId);

    [LoggerMessage(EventId = 1122, EventName = "StoppedInstanceStartFailed", Level = LogLevel.Warning,
        Message = "starting a stopped instance failed instance={Instance} pool={Pool} error={Error}")]
    public static partial void StoppedStartFailed(ILogger logger, string instance, string pool, string error);

    [LoggerMessage(EventId = 1105, EventName = "RunnerGroupCreated", Level = LogLevel.Information,
        Message = "created runner group forge={Forge} target={Target} group={Group} id={GroupId} in its declared state")]
    public static partial void RunnerGroupCreated(ILogger logger, string forge, string target, string group, long groupId);

    [LoggerMessage(EventId = 1106, EventName = "RunnerGroupCorrected", Level = LogLevel.Information,
        Message = "corrected runner group forge={Forge} target={Target} group={Group} id={GroupId} fields={Fields}")]
    public static partial void RunnerGroupCorrected(ILogger logger, string forge, string target, string group, long groupId, string fields);

    [LoggerMessage(EventId = 1180, EventName = "StoppedTokenRenewed", Level = LogLevel.Debug,
        Message = "stopped instance={Instance} pool={Pool}: its machine keeps the instance token it was made with; renewed it for the start")]
    public static partial void StoppedTokenRenewed(ILogger logger, string instance, string pool);
}
