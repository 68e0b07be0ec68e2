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
}
