using Microsoft.Extensions.Logging;

namespace Hangar.Forges.Gitea;

/// <summary>Gitea (and the API client Forgejo shares with it): EventIds 3300–3599.</summary>
internal static partial class GiteaLog
{
    [LoggerMessage(EventId = 3300, EventName = "GiteaRetryingRequest", Level = LogLevel.Warning,
        Message = "retrying forge request forge={Forge} request={Request} reason={Reason} attempt={Attempt} delay={Delay}")]
    public static partial void RetryingRequest(ILogger logger, string forge, string request, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3301, EventName = "GiteaRunnerRegistered", Level = LogLevel.Information,
        Message = "runner registered forge={Forge} runner={Runner} runner_id={RunnerId} target={Target} shared_token={SharedToken}")]
    public static partial void RunnerRegistered(ILogger logger, string forge, string runner, long? runnerId, string target, bool sharedToken);

    [LoggerMessage(EventId = 3302, EventName = "GiteaRunnerRemoved", Level = LogLevel.Information,
        Message = "runner removed forge={Forge} runner_id={RunnerId} target={Target} already_gone={AlreadyGone}")]
    public static partial void RunnerRemoved(ILogger logger, string forge, long runnerId, string target, bool alreadyGone);

    [LoggerMessage(EventId = 3303, EventName = "GiteaFeaturesProbed", Level = LogLevel.Information,
        Message = "forge features probed forge={Forge} target={Target} runner_api={RunnerApi} jobs_api={JobsApi}")]
    public static partial void FeaturesProbed(ILogger logger, string forge, string target, bool runnerApi, bool jobsApi);

    [LoggerMessage(EventId = 3304, EventName = "GiteaJobsApiMissing", Level = LogLevel.Warning,
        Message = "forge has no jobs API (Gitea 1.24): lost webhooks are found only for jobs Hangar knows forge={Forge}")]
    public static partial void JobsApiMissing(ILogger logger, string forge);
}
