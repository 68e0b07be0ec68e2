using Microsoft.Extensions.Logging;

namespace Hangar.Server.Api;

/// <summary>The REST API's events: 5200–5299.</summary>
internal static partial class ApiLog
{
    // Debug: anyone who can reach the port can cause one; the 401 answer already tells the caller.
    [LoggerMessage(EventId = 5200, EventName = "ApiUnauthorized", Level = LogLevel.Debug,
        Message = "api request refused path={Path} reason=\"{Reason}\"")]
    public static partial void Unauthorized(ILogger logger, string path, string reason);
}
