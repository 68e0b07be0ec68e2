using Microsoft.Extensions.Logging;

namespace Hangar.Server.Webhooks;

/// <summary>The webhook and demand endpoints' events: 5100–5199.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 5100, EventName = "WebhookRejected", Level = LogLevel.Warning,
        Message = "webhook rejected forge={Forge} status={Status} reason=\"{Reason}\" delivery={Delivery} suppressed={Suppressed}")]
    public static partial void Rejected(ILogger logger, string forge, int status, string reason, string? delivery, int suppressed);

    [LoggerMessage(EventId = 5101, EventName = "WebhookAccepted", Level = LogLevel.Information,
        Message = "webhook accepted forge={Forge} event={Event} delivery={Delivery} outcome={Outcome}")]
    public static partial void Accepted(ILogger logger, string forge, string @event, string? delivery, string outcome);

    [LoggerMessage(EventId = 5102, EventName = "WebhookRejectedQuietly", Level = LogLevel.Debug,
        Message = "webhook rejected forge={Forge} status={Status} reason=\"{Reason}\" delivery={Delivery} (warning suppressed: one per forge and status a minute)")]
    public static partial void RejectedQuietly(ILogger logger, string forge, int status, string reason, string? delivery);
}
