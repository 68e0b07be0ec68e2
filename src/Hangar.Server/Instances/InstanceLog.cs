using Microsoft.Extensions.Logging;

namespace Hangar.Server.Instances;

/// <summary>The metadata and callback endpoints that provider-built instances call (5040–5059).</summary>
internal static partial class InstanceLog
{
    [LoggerMessage(EventId = 5040, EventName = "InstanceTokenRefused", Level = LogLevel.Warning, Message = "instance endpoint {Path} refused: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5041, EventName = "InstanceOtherInstance", Level = LogLevel.Warning, Message = "instance {Caller} asked for instance {Target}'s data at {Path}: refused")]
    public static partial void OtherInstance(ILogger logger, string caller, string target, string path);

    [LoggerMessage(EventId = 5042, EventName = "InstanceCredentialServed", Level = LogLevel.Information, Message = "instance {Instance} fetched its runner credential ({What})")]
    public static partial void CredentialServed(ILogger logger, string instance, string what);

    [LoggerMessage(EventId = 5043, EventName = "InstanceCredentialUnavailable", Level = LogLevel.Warning, Message = "instance {Instance} asked for its runner credential, which is not held: {Why}")]
    public static partial void CredentialUnavailable(ILogger logger, string instance, string why);

    [LoggerMessage(EventId = 5044, EventName = "InstanceStatusReported", Level = LogLevel.Information, Message = "instance {Instance} reported {Status}: {Message}")]
    public static partial void StatusReported(ILogger logger, string instance, string status, string message);

    [LoggerMessage(EventId = 5045, EventName = "InstanceStatusNotApplied", Level = LogLevel.Information, Message = "instance {Instance} reported {Status} while {State}: kept in its history only")]
    public static partial void StatusNotApplied(ILogger logger, string instance, string status, string state);
}
