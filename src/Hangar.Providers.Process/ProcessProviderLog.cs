using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Process;

internal static partial class ProcessProviderLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Provider {Provider}: started runner {Runner} as pid {Pid} in pool {Pool}")]
    public static partial void Started(ILogger logger, string provider, string runner, int pid, string pool);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Provider {Provider}: runner {Runner} already exists as pid {Pid}")]
    public static partial void Exists(ILogger logger, string provider, string runner, int pid);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Provider {Provider}: stopped and removed runner {Runner}")]
    public static partial void Removed(ILogger logger, string provider, string runner);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Provider {Provider}: {Directory} is not recorded as this controller's; leaving it alone")]
    public static partial void ForeignIgnored(ILogger logger, string provider, string directory);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Provider {Provider}: pid {Pid} of runner {Runner} now belongs to another process; not signalling it")]
    public static partial void PidRecycled(ILogger logger, string provider, string runner, int pid);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Provider {Provider}: runner {Runner} ignored SIGTERM for {Grace}; sending SIGKILL")]
    public static partial void Escalating(ILogger logger, string provider, string runner, TimeSpan grace);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Provider {Provider}: cannot read {Path}; ignoring it")]
    public static partial void UnreadableRecord(ILogger logger, string provider, string path, Exception exception);
}
