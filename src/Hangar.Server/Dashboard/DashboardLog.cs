using Microsoft.Extensions.Logging;

namespace Hangar.Server.Dashboard;

/// <summary>The dashboard's events: 5300–5399.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 5300, EventName = "DashboardLogin", Level = LogLevel.Information,
        Message = "dashboard session opened token={TokenId} name=\"{Name}\"")]
    public static partial void Login(ILogger logger, string tokenId, string name);

    // Debug: anyone who can reach the port can cause one; the answer already tells the visitor.
    [LoggerMessage(EventId = 5301, EventName = "DashboardLoginRefused", Level = LogLevel.Debug,
        Message = "dashboard login refused reason=\"{Reason}\"")]
    public static partial void LoginRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5302, EventName = "DashboardLogout", Level = LogLevel.Information,
        Message = "dashboard session closed")]
    public static partial void Logout(ILogger logger);

    [LoggerMessage(EventId = 5303, EventName = "DashboardStreamOpened", Level = LogLevel.Debug,
        Message = "dashboard event stream opened token={TokenId}")]
    public static partial void StreamOpened(ILogger logger, string tokenId);

    [LoggerMessage(EventId = 5304, EventName = "DashboardStreamClosed", Level = LogLevel.Debug,
        Message = "dashboard event stream closed after {Events} events")]
    public static partial void StreamClosed(ILogger logger, long events);

    [LoggerMessage(EventId = 5305, EventName = "DashboardSnapshotFailed", Level = LogLevel.Warning,
        Message = "dashboard could not read the store; the last snapshot stays on screen")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception);
}
