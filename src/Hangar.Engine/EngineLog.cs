using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine;

internal static partial class EngineLog
{
    [LoggerMessage(1000, LogLevel.Information, "instance intent stored instance={Instance} pool={Pool}")]
    public static partial void IntentStored(ILogger logger, string instance, string pool);

    [LoggerMessage(1001, LogLevel.Information, "instance created instance={Instance} pool={Pool} provider_id={ProviderId}")]
    public static partial void Created(ILogger logger, string instance, string pool, string providerId);

    [LoggerMessage(1002, LogLevel.Warning, "instance create failed instance={Instance} pool={Pool} error={Error}")]
    public static partial void CreateFailed(ILogger logger, string instance, string pool, string error);

    [LoggerMessage(1003, LogLevel.Information, "instance destroy instance={Instance} reason={Reason}")]
    public static partial void Destroying(ILogger logger, string instance, DestroyReason reason);

    [LoggerMessage(1004, LogLevel.Information, "instance deleted instance={Instance}")]
    public static partial void Deleted(ILogger logger, string instance);

    [LoggerMessage(1005, LogLevel.Warning, "instance destroy failed instance={Instance} error={Error}")]
    public static partial void DestroyFailed(ILogger logger, string instance, string error);

    [LoggerMessage(1006, LogLevel.Information, "instance kept instance={Instance} reason=\"runner took a job while being retired\"")]
    public static partial void RetireSkippedBusy(ILogger logger, string instance);

    [LoggerMessage(1007, LogLevel.Information, "instance transition instance={Instance} from={From} to={To} reason=\"{Reason}\"")]
    public static partial void Transitioned(ILogger logger, string instance, InstanceState from, InstanceState to, string reason);

    [LoggerMessage(1008, LogLevel.Debug, "transition skipped instance={Instance} error={Error}")]
    public static partial void TransitionSkipped(ILogger logger, string instance, string error);

    [LoggerMessage(1009, LogLevel.Warning, "runner name taken at the forge instance={Instance}; removing the stale registration and retrying")]
    public static partial void NameConflict(ILogger logger, string instance);

    [LoggerMessage(1010, LogLevel.Warning, "forge deregistration failed instance={Instance} error={Error}")]
    public static partial void DeregisterFailed(ILogger logger, string instance, string error);

    [LoggerMessage(1101, LogLevel.Warning, "job unroutable forge={Forge} job={JobId} reason=\"{Reason}\"")]
    public static partial void Unroutable(ILogger logger, string forge, long jobId, string reason);

    [LoggerMessage(1200, LogLevel.Error, "loop pass failed loop={Loop}")]
    public static partial void PassFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(1201, LogLevel.Information, "plan pool={Pool} create={Count}")]
    public static partial void PlanCreate(ILogger logger, string pool, int count);

    [LoggerMessage(1300, LogLevel.Information, "startup recovery instance={Instance} state={State} outcome=\"{Outcome}\"")]
    public static partial void Recovered(ILogger logger, string instance, InstanceState state, string outcome);

    [LoggerMessage(1301, LogLevel.Warning, "orphan destroyed provider={Provider} instance={Instance}")]
    public static partial void OrphanDestroyed(ILogger logger, string provider, string instance);

    [LoggerMessage(1302, LogLevel.Warning, "observe failed scope={Scope} error={Error}")]
    public static partial void ObserveFailed(ILogger logger, string scope, string error);

    [LoggerMessage(1303, LogLevel.Warning, "forge orphan removed forge={Forge} target={Target} runner={Runner} runner_id={RunnerId}")]
    public static partial void ForgeOrphanRemoved(ILogger logger, string forge, string target, string runner, long runnerId);

    [LoggerMessage(1304, LogLevel.Information, "instance reaped instance={Instance} state={State} reason={Reason}")]
    public static partial void Reaped(ILogger logger, string instance, InstanceState state, DestroyReason reason);

    [LoggerMessage(1305, LogLevel.Information, "stale job advanced forge={Forge} job={JobId} from={From} to={To}")]
    public static partial void StaleJobAdvanced(ILogger logger, string forge, long jobId, Core.Jobs.JobStatus from, Core.Jobs.JobStatus to);

    [LoggerMessage(1306, LogLevel.Warning, "stale job unknown at the forge forge={Forge} job={JobId}")]
    public static partial void StaleJobUnknown(ILogger logger, string forge, long jobId);

    [LoggerMessage(1011, LogLevel.Warning, "instance create failed, retrying instance={Instance} attempt={Attempt} max={Max} retry_in={RetryIn} error={Error}")]
    public static partial void CreateRetryScheduled(ILogger logger, string instance, int attempt, int max, TimeSpan retryIn, string error);

    [LoggerMessage(1012, LogLevel.Error, "instance create gave up instance={Instance} attempts={Attempts} error={Error}")]
    public static partial void CreateGaveUp(ILogger logger, string instance, int attempts, string error);
}
