using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Demand;

/// <summary>Intake and demand sources: EventIds 1050–1099 of the engine's intake/demand range.</summary>
internal static partial class DemandLog
{
    [LoggerMessage(EventId = 1050, EventName = "JobEventStored", Level = LogLevel.Information,
        Message = "job event stored forge={Forge} job={JobId} attempt={Attempt} status={Status} outcome={Outcome}")]
    public static partial void JobEventStored(ILogger logger, string forge, long jobId, long attempt, JobStatus status, JobEventOutcome outcome);

    [LoggerMessage(EventId = 1060, EventName = "DemandSourceFailed", Level = LogLevel.Error,
        Message = "demand source failed source={Source}")]
    public static partial void SourceFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 1061, EventName = "DemandSourceEnded", Level = LogLevel.Warning,
        Message = "demand source ended before shutdown source={Source}")]
    public static partial void SourceEnded(ILogger logger, string source);

    [LoggerMessage(EventId = 1062, EventName = "DemandSourceRestarting", Level = LogLevel.Information,
        Message = "demand source restarting source={Source} in={Delay}")]
    public static partial void SourceRestarting(ILogger logger, string source, TimeSpan delay);

    [LoggerMessage(EventId = 1070, EventName = "SweepFailed", Level = LogLevel.Error,
        Message = "queued-jobs sweep failed source={Source}")]
    public static partial void SweepFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 1071, EventName = "JobDiscovered", Level = LogLevel.Warning,
        Message = "queued job found without a webhook forge={Forge} job={JobId} repository={Repository}")]
    public static partial void JobDiscovered(ILogger logger, string forge, long jobId, string repository);

    [LoggerMessage(EventId = 1072, EventName = "QueuedJobsListFailed", Level = LogLevel.Warning,
        Message = "observe failed scope={Scope} error={Error}")]
    public static partial void ListFailed(ILogger logger, string scope, string error);

    [LoggerMessage(EventId = 1073, EventName = "SweepDeferred", Level = LogLevel.Debug,
        Message = "queued-jobs sweep of a repository deferred by the request budget scope={Scope} priority={Priority} retry_at={RetryAt}")]
    public static partial void SweepDeferred(ILogger logger, string scope, ForgePriority priority, DateTimeOffset? retryAt);

    [LoggerMessage(EventId = 1074, EventName = "WaitingJobQueued", Level = LogLevel.Warning,
        Message = "waiting job found queued without a webhook forge={Forge} job={JobId} repository={Repository}")]
    public static partial void WaitingJobQueued(ILogger logger, string forge, long jobId, string repository);

    [LoggerMessage(EventId = 1090, EventName = "JobQueuePollFailed", Level = LogLevel.Warning,
        Message = "job queue poll failed scope={Scope} error={Error}")]
    public static partial void QueuePollFailed(ILogger logger, string scope, string error);

    [LoggerMessage(EventId = 1091, EventName = "QueuedJobPolled", Level = LogLevel.Information,
        Message = "job found in the forge's queue forge={Forge} job={JobId} attempt={Attempt} repository={Repository} running={Running}")]
    public static partial void QueuedJobPolled(ILogger logger, string forge, long jobId, long attempt, string repository, bool running);

    [LoggerMessage(EventId = 1092, EventName = "PolledJobLeftQueue", Level = LogLevel.Information,
        Message = "job left the forge's queue: completed forge={Forge} job={JobId} attempt={Attempt}")]
    public static partial void PolledJobLeftQueue(ILogger logger, string forge, long jobId, long attempt);

    [LoggerMessage(EventId = 1093, EventName = "ForgeFeatures", Level = LogLevel.Information,
        Message = "forge features forge={Forge} type={Type} registration={Registration} demand={Demand} runners={Runners} notes={Notes}")]
    public static partial void ForgeFeatures(ILogger logger, string forge, string type, string registration, string demand, string runners, string notes);

    [LoggerMessage(EventId = 1094, EventName = "ForgeProbeFailed", Level = LogLevel.Warning,
        Message = "forge features could not be probed (asked again on first use) forge={Forge} error={Error}")]
    public static partial void ForgeProbeFailed(ILogger logger, string forge, string error);

    [LoggerMessage(EventId = 1075, EventName = "ScaleSetListening", Level = LogLevel.Information,
        Message = "scale-set listener polling source={Source} scale_set_id={ScaleSetId} session={SessionId} last_message_id={LastMessageId}")]
    public static partial void ScaleSetListening(ILogger logger, string source, long scaleSetId, Guid sessionId, long lastMessageId);

    [LoggerMessage(EventId = 1076, EventName = "ScaleSetSessionConflict", Level = LogLevel.Warning,
        Message = "scale set already has an active session, most likely a listener that died without deleting it; retrying every {RetryMin} to {RetryMax} until it expires source={Source}")]
    public static partial void ScaleSetSessionConflict(ILogger logger, string source, TimeSpan retryMin, TimeSpan retryMax);

    [LoggerMessage(EventId = 1077, EventName = "ScaleSetSessionConflictPersists", Level = LogLevel.Error,
        Message = "scale set session still refused after {Elapsed}: another listener may be running for it (two Hangar installations, or one outside Hangar) source={Source}")]
    public static partial void ScaleSetSessionConflictPersists(ILogger logger, string source, TimeSpan elapsed);

    [LoggerMessage(EventId = 1078, EventName = "ScaleSetSessionRefreshed", Level = LogLevel.Information,
        Message = "message queue refused the session token; session refreshed source={Source} session={SessionId}")]
    public static partial void ScaleSetSessionRefreshed(ILogger logger, string source, Guid sessionId);

    [LoggerMessage(EventId = 1079, EventName = "ScaleSetSessionRecreated", Level = LogLevel.Warning,
        Message = "scale-set session gone ({Reason}); creating a new one source={Source} old_session={SessionId}")]
    public static partial void ScaleSetSessionRecreated(ILogger logger, string source, Guid sessionId, string reason);

    [LoggerMessage(EventId = 1080, EventName = "ScaleSetReregistering", Level = LogLevel.Warning,
        Message = "scale set {ScaleSetId} no longer exists at the forge; registering it again source={Source}")]
    public static partial void ScaleSetReregistering(ILogger logger, string source, long scaleSetId);

    [LoggerMessage(EventId = 1081, EventName = "ScaleSetCallFailed", Level = LogLevel.Warning,
        Message = "scale-set call failed, retrying in {Delay} source={Source} error={Error}")]
    public static partial void ScaleSetCallFailed(ILogger logger, string source, TimeSpan delay, string error);

    [LoggerMessage(EventId = 1082, EventName = "ScaleSetMessageHandled", Level = LogLevel.Information,
        Message = "scale-set message handled source={Source} message={MessageId} jobs={Jobs} acquired={Acquired} assigned_jobs={Assigned}")]
    public static partial void ScaleSetMessageHandled(ILogger logger, string source, long messageId, int jobs, int acquired, int assigned);

    [LoggerMessage(EventId = 1083, EventName = "ScaleSetSessionDeleteFailed", Level = LogLevel.Warning,
        Message = "could not delete the scale-set session on shutdown; the next start waits for it to expire source={Source} error={Error}")]
    public static partial void ScaleSetSessionDeleteFailed(ILogger logger, string source, string error);

    [LoggerMessage(EventId = 1084, EventName = "ScaleSetEmptyQueueUrl", Level = LogLevel.Warning,
        Message = "new scale-set session has no message queue URL or token; deleting it and creating another source={Source} session={SessionId}")]
    public static partial void ScaleSetEmptyQueueUrl(ILogger logger, string source, Guid sessionId);

    [LoggerMessage(EventId = 1085, EventName = "ScaleSetJobsReacquired", Level = LogLevel.Information,
        Message = "re-acquired queued jobs stored before a restart source={Source} asked={Asked} acquired={Acquired}")]
    public static partial void ScaleSetJobsReacquired(ILogger logger, string source, int asked, int acquired);
}
