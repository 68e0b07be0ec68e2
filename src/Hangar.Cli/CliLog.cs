using Microsoft.Extensions.Logging;

namespace Hangar.Cli;

/// <summary>The command line's log events: EventIds 7000–7099.</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 7000, EventName = "SecretOnCommandLine", Level = LogLevel.Warning,
        Message = "--secret puts the value of {Names} in the process list (ps, /proc/PID/cmdline), readable by every user of this machine; use --secret-file NAME=PATH, --secret-file NAME=- (standard input), an environment variable or a systemd credential instead")]
    public static partial void SecretOnCommandLine(ILogger logger, string names);
}
