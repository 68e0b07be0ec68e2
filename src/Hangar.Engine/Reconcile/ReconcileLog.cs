using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>What the reconcile passes found and decided. EventIds 1200–1499.</summary>
internal static partial class ReconcileLog
{
    [LoggerMessage(EventId = 1200, EventName = "LoopPassFailed", Level = LogLevel.Error,
        Message = "loop pass failed loop={Loop}")]
    public static partial void PassFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(EventId = 1201, EventName = "PlanCreate", Level = LogLevel.Information,
        Message = "plan pool={Pool} create={Count}")]
    public static partial void PlanCreate(ILogger logger, string pool, int count);

    [LoggerMessage(EventId = 1202, EventName = "JobUnroutable", Level = LogLevel.Warning,
        Message = "job unroutable forge={Forge} job={JobId} reason=\"{Reason}\"")]
    public static partial void Unroutable(ILogger logger, string forge, long jobId, string reason);

    [LoggerMessage(EventId = 1300, EventName = "StartupRecovered", Level = LogLevel.Information,
        Message = "startup recovery instance={Instance} state={State} outcome=\"{Outcome}\"")]
    public static partial void Recovered(ILogger logger, string instance, InstanceState state, string outcome);

    [LoggerMessage(EventId = 1301, EventName = "ProviderOrphanDestroyed", Level = LogLevel.Warning,
        Message = "orphan destroyed provider={Provider} instance={Instance}")]
    public static partial void OrphanDestroyed(ILogger logger, string provider, string instance);

    [LoggerMessage(EventId = 1302, EventName = "ObserveFailed", Level = LogLevel.Warning,
        Message = "observe failed scope={Scope} error={Error}")]
    public static partial void ObserveFailed(ILogger logger, string scope, string error);

    [LoggerMessage(EventId = 1303, EventName = "ForgeOrphanRemoved", Level = LogLevel.Warning,
        Message = "forge orphan removed forge={Forge} target={Target} runner={Runner} runner_id={RunnerId}")]
    public static partial void ForgeOrphanRemoved(ILogger logger, string forge, string target, string runner, long runnerId);

    [LoggerMessage(EventId = 1304, EventName = "InstanceReaped", Level = LogLevel.Information,
        Message = "instance reaped instance={Instance} state={State} reason={Reason}")]
    public static partial void Reaped(ILogger logger, string instance, InstanceState state, DestroyReason reason);

    [LoggerMessage(EventId = 1305, EventName = "StaleJobAdvanced", Level = LogLevel.Information,
        Message = "stale job advanced forge={Forge} job={JobId} from={From} to={To}")]
    public static partial void StaleJobAdvanced(ILogger logger, string forge, long jobId, JobStatus from, JobStatus to);

    [LoggerMessage(EventId = 1306, EventName = "StaleJobUnknown", Level = LogLevel.Information,
        Message = "stale job unknown at the forge forge={Forge} job={JobId} missed={Missed}")]
    public static partial void StaleJobUnknown(ILogger logger, string forge, long jobId, int missed);

    [LoggerMessage(EventId = 1310, EventName = "ForgeCallDeferred", Level = LogLevel.Debug,
        Message = "forge call deferred by the request budget loop={Loop} scope={Scope} priority={Priority} retry_at={RetryAt}")]
    public static partial void ForgeCallDeferred(ILogger logger, string loop, string scope, ForgePriority priority, DateTimeOffset? retryAt);

    [LoggerMessage(EventId = 1311, EventName = "UnknownJobClosed", Level = LogLevel.Warning,
        Message = "job closed: unknown at the forge forge={Forge} job={JobId} repository={Repository} status_before={Status} reason=\"{Reason}\"")]
    public static partial void UnknownJobClosed(ILogger logger, string forge, long jobId, string repository, JobStatus status, string reason);

    [LoggerMessage(EventId = 1312, EventName = "RetentionPruned", Level = LogLevel.Information,
        Message = "retention pruned jobs={Jobs} instances={Instances} older_than={OlderThan}")]
    public static partial void RetentionPruned(ILogger logger, long jobs, long instances, DateTimeOffset olderThan);

    [LoggerMessage(EventId = 1440, EventName = "PlanPrepare", Level = LogLevel.Information,
        Message = "plan pool={Pool} prepare_stopped={Count}")]
    public static partial void PlanPrepare(ILogger logger, string pool, int count);

    [LoggerMessage(EventId = 1420, EventName = "RunnerGroupMissing", Level = LogLevel.Warning,
        Message = "runner group drift: forge={Forge} target={Target} group={Group} does not exist; creating it")]
    public static partial void RunnerGroupMissing(ILogger logger, string forge, string target, string group);

    [LoggerMessage(EventId = 1421, EventName = "RunnerGroupDrifted", Level = LogLevel.Warning,
        Message = "runner group drift: forge={Forge} target={Target} group={Group} differs from its declaration in {Fields}; correcting it")]
    public static partial void RunnerGroupDrifted(ILogger logger, string forge, string target, string group, string fields);

    [LoggerMessage(EventId = 1422, EventName = "RunnerGroupFailed", Level = LogLevel.Warning,
        Message = "runner group forge={Forge} target={Target} group={Group} could not be brought to its declaration: {Error}; retried next pass")]
    public static partial void RunnerGroupFailed(ILogger logger, string forge, string target, string group, string error);

    [LoggerMessage(EventId = 1423, EventName = "RunnerGroupsUnsupported", Level = LogLevel.Warning,
        Message = "forge={Forge} cannot manage runner groups; group={Group} is left as it is")]
    public static partial void RunnerGroupsUnsupported(ILogger logger, string forge, string group);
}
