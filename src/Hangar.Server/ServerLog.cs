using Microsoft.Extensions.Logging;

namespace Hangar.Server;

/// <summary>The server's events: 5000–5099 the host, 5100–5199 webhooks (WebhookLog), 5200–5299 the API (ApiLog).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 5000, EventName = "NoApiTokens", Level = LogLevel.Warning, Message = "no API tokens configured (server.api_tokens): the REST API accepts only tokens made through it, and making one needs an admin token from the file")]
    public static partial void NoApiTokens(ILogger logger);

    [LoggerMessage(EventId = 5001, EventName = "Started", Level = LogLevel.Information, Message = "hangar started listen={Listen} controller_id={ControllerId} store={Store} pools={Pools}")]
    public static partial void Started(ILogger logger, string listen, string controllerId, string store, int pools);

    [LoggerMessage(EventId = 5010, EventName = "HostLocalProvider", Level = LogLevel.Warning, Message = "provider {Provider} ({Type}) is reachable from this host only ({Why}), but the postgres store is meant for several replicas: run one replica, or use a provider every replica can reach (see docs/scale-out.md)")]
    public static partial void HostLocalProvider(ILogger logger, string provider, string type, string why);
}
