using Microsoft.Extensions.Logging;

namespace Hangar.Forges.Forgejo;

/// <summary>Forgejo: EventIds 3600–3899.</summary>
internal static partial class ForgejoLog
{
    [LoggerMessage(EventId = 3600, EventName = "ForgejoRunnerRegistered", Level = LogLevel.Information,
        Message = "runner registered forge={Forge} runner={Runner} runner_id={RunnerId} target={Target} method={Method}")]
    public static partial void RunnerRegistered(ILogger logger, string forge, string runner, long? runnerId, string target, string method);

    [LoggerMessage(EventId = 3601, EventName = "ForgejoRunnerRemoved", Level = LogLevel.Information,
        Message = "runner removed forge={Forge} runner_id={RunnerId} target={Target} already_gone={AlreadyGone}")]
    public static partial void RunnerRemoved(ILogger logger, string forge, long runnerId, string target, bool alreadyGone);

    [LoggerMessage(EventId = 3602, EventName = "ForgejoFeaturesProbed", Level = LogLevel.Information,
        Message = "forge features probed forge={Forge} target={Target} rest_runners={RestRunners} jobs_api={JobsApi}")]
    public static partial void FeaturesProbed(ILogger logger, string forge, string target, bool restRunners, bool jobsApi);

    [LoggerMessage(EventId = 3603, EventName = "ForgejoRunnerLeftBehind", Level = LogLevel.Warning,
        Message = "forge has no API to remove runners (Forgejo 11-14): runner row left behind forge={Forge} runner_id={RunnerId} target={Target} left_behind={Total}")]
    public static partial void RunnerLeftBehind(ILogger logger, string forge, long runnerId, string target, long total);
}
