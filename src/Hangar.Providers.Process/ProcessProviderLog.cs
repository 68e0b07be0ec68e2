using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Process;

/// <summary>The process provider's log events: EventIds 4100–4199.</summary>
internal static partial class ProcessProviderLog
{
    [LoggerMessage(EventId = 4100, EventName = "ProcessRunnerStarted", Level = LogLevel.Information, Message = "Provider {Provider}: started runner {Runner} as pid {Pid} in pool {Pool}")]
    public static partial void Started(ILogger logger, string provider, string runner, int pid, string pool);

    [LoggerMessage(EventId = 4101, EventName = "ProcessRunnerExists", Level = LogLevel.Information, Message = "Provider {Provider}: runner {Runner} already exists as pid {Pid}")]
    public static partial void Exists(ILogger logger, string provider, string runner, int pid);

    [LoggerMessage(EventId = 4102, EventName = "ProcessRunnerRemoved", Level = LogLevel.Information, Message = "Provider {Provider}: stopped and removed runner {Runner}")]
    public static partial void Removed(ILogger logger, string provider, string runner);

    [LoggerMessage(EventId = 4103, EventName = "ProcessForeignIgnored", Level = LogLevel.Warning, Message = "Provider {Provider}: {Directory} is not recorded as this controller's; leaving it alone")]
    public static partial void ForeignIgnored(ILogger logger, string provider, string directory);

    [LoggerMessage(EventId = 4104, EventName = "ProcessPidRecycled", Level = LogLevel.Information, Message = "Provider {Provider}: pid {Pid} of runner {Runner} now belongs to another process; not signalling it")]
    public static partial void PidRecycled(ILogger logger, string provider, string runner, int pid);

    [LoggerMessage(EventId = 4105, EventName = "ProcessStopEscalating", Level = LogLevel.Warning, Message = "Provider {Provider}: runner {Runner} ignored SIGTERM for {Grace}; sending SIGKILL")]
    public static partial void Escalating(ILogger logger, string provider, string runner, TimeSpan grace);

    [LoggerMessage(EventId = 4106, EventName = "ProcessRecordUnreadable", Level = LogLevel.Warning, Message = "Provider {Provider}: cannot read {Path}; ignoring it")]
    public static partial void UnreadableRecord(ILogger logger, string provider, string path, Exception exception);

    [LoggerMessage(EventId = 4107, EventName = "ProcessRunnerRestarted", Level = LogLevel.Information, Message = "Provider {Provider}: started runner {Runner} again as pid {Pid}")]
    public static partial void Restarted(ILogger logger, string provider, string runner, int pid);

    [LoggerMessage(EventId = 4108, EventName = "ProcessRunnerStopped", Level = LogLevel.Information, Message = "Provider {Provider}: stopped runner {Runner}; its directory is kept")]
    public static partial void Stopped(ILogger logger, string provider, string runner);

    [LoggerMessage(EventId = 4109, EventName = "ProcessLaunchResumed", Level = LogLevel.Warning, Message = "Provider {Provider}: runner {Runner} was recorded without a pid (Hangar stopped while starting it); it runs as pid {Pid} now")]
    public static partial void Resumed(ILogger logger, string provider, string runner, int pid);
}
