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

    [LoggerMessage(EventId = 5080, EventName = "ConfigReloadApplied", Level = LogLevel.Information, Message = "configuration reloaded from {Path}: pools={Pools} added={Added} changed={Changed} removed={Removed}")]
    public static partial void ConfigReloadApplied(ILogger logger, string path, int pools, string added, string changed, string removed);

    [LoggerMessage(EventId = 5081, EventName = "ConfigReloadRejected", Level = LogLevel.Error, Message = "configuration file {Path} was not applied; the last good configuration keeps running: {Reason}")]
    public static partial void ConfigReloadRejected(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5082, EventName = "ConfigReloadNeedsRestart", Level = LogLevel.Warning, Message = "configuration file {Path}: {Section} changed and is applied only at the next restart")]
    public static partial void ConfigReloadNeedsRestart(ILogger logger, string path, string section);

    [LoggerMessage(EventId = 5083, EventName = "ConfigReloadOverrideWins", Level = LogLevel.Warning, Message = "pool {Pool}: the file now says {Key}={FileValue}, but a run-time override ({Override}, set by {SetBy}) wins until 'hangar pools reset {Pool}'")]
    public static partial void ConfigReloadOverrideWins(ILogger logger, string pool, string key, string fileValue, string @override, string setBy);

    [LoggerMessage(EventId = 5084, EventName = "ConfigReloadPoolDraining", Level = LogLevel.Information, Message = "pool {Pool} was removed from the configuration: its runners without a job go now, busy ones after their job")]
    public static partial void ConfigReloadPoolDraining(ILogger logger, string pool);

    [LoggerMessage(EventId = 5085, EventName = "CertificateLoaded", Level = LogLevel.Information, Message = "TLS certificate loaded from {Path}: subject=\"{Subject}\" not_after={NotAfter}")]
    public static partial void CertificateLoaded(ILogger logger, string path, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 5086, EventName = "CertificateNotLoaded", Level = LogLevel.Error, Message = "TLS certificate {Path} changed but does not load; the previous one is served: {Reason}")]
    public static partial void CertificateNotLoaded(ILogger logger, string path, string reason);
}
