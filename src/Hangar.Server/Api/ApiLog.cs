using Microsoft.Extensions.Logging;

namespace Hangar.Server.Api;

/// <summary>The REST API's events: 5200–5299 (5210–5239 tokens, scopes and the planner API).</summary>
internal static partial class ApiLog
{
    // Debug: anyone who can reach the port can cause one; the 401 answer already tells the caller.
    [LoggerMessage(EventId = 5200, EventName = "ApiUnauthorized", Level = LogLevel.Debug,
        Message = "api request refused path={Path} reason=\"{Reason}\"")]
    public static partial void Unauthorized(ILogger logger, string path, string reason);

    // Information: only a holder of a valid token can cause it, and it may be a misconfigured client worth noticing.
    [LoggerMessage(EventId = 5210, EventName = "ApiForbidden", Level = LogLevel.Information,
        Message = "api request refused path={Path} token={TokenId} scope={Scope} needs={Needed}")]
    public static partial void Forbidden(ILogger logger, string path, string tokenId, string scope, string needed);

    [LoggerMessage(EventId = 5211, EventName = "ApiRouteWithoutAccess", Level = LogLevel.Error,
        Message = "route {Route} declares no access rule (RequireScope or AllowWithoutApiToken) and was refused")]
    public static partial void RouteWithoutAccess(ILogger logger, string route);

    [LoggerMessage(EventId = 5212, EventName = "ApiTokenCreated", Level = LogLevel.Information,
        Message = "api token created id={TokenId} name=\"{Name}\" scope={Scope} expires_at={ExpiresAt} by={By}")]
    public static partial void TokenCreated(ILogger logger, string tokenId, string name, string scope, DateTimeOffset? expiresAt, string by);

    [LoggerMessage(EventId = 5213, EventName = "ApiTokenRevoked", Level = LogLevel.Information,
        Message = "api token revoked id={TokenId} by={By}")]
    public static partial void TokenRevoked(ILogger logger, string tokenId, string by);

    [LoggerMessage(EventId = 5214, EventName = "PressureStreamOpened", Level = LogLevel.Debug,
        Message = "pressure stream opened flavor={Flavor} format={Format} token={TokenId}")]
    public static partial void PressureStreamOpened(ILogger logger, string flavor, string format, string tokenId);

    [LoggerMessage(EventId = 5215, EventName = "PressureStreamClosed", Level = LogLevel.Debug,
        Message = "pressure stream closed flavor={Flavor} lines={Lines}")]
    public static partial void PressureStreamClosed(ILogger logger, string flavor, long lines);
}
