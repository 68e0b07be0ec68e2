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

    [LoggerMessage(EventId = 5260, EventName = "RunnerRemovalRequested", Level = LogLevel.Information,
        Message = "runner removal requested runner={Runner} pool={Pool} state={State} force={Force} by={By}")]
    public static partial void RunnerRemovalRequested(ILogger logger, string runner, string pool, string state, bool force, string by);

    [LoggerMessage(EventId = 5261, EventName = "PoolOverrideChanged", Level = LogLevel.Information,
        Message = "pool override changed pool={Pool} action={Action} enabled={Enabled} min_idle={MinIdle} max_runners={MaxRunners} by={By}")]
    public static partial void PoolOverrideChanged(ILogger logger, string pool, string action, bool? enabled, int? minIdle, int? maxRunners, string by);

    [LoggerMessage(EventId = 5262, EventName = "JobRechecked", Level = LogLevel.Information,
        Message = "job re-checked at its forge job={Job} found={Found} status={Status} by={By}")]
    public static partial void JobRechecked(ILogger logger, string job, bool found, string status, string by);

    [LoggerMessage(EventId = 5263, EventName = "JobRecheckFailed", Level = LogLevel.Warning,
        Message = "job re-check failed job={Job} by={By} error=\"{Error}\"")]
    public static partial void JobRecheckFailed(ILogger logger, string job, string by, string error);
}
