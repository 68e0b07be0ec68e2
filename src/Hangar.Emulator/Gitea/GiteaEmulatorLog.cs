using Microsoft.Extensions.Logging;

namespace Hangar.Emulator.Gitea;

/// <summary>The emulated Gitea family: EventIds 8300–8599.</summary>
internal static partial class GiteaEmulatorLog
{
    [LoggerMessage(EventId = 8300, EventName = "GiteaEmulatorListening", Level = LogLevel.Information,
        Message = "emulated forge listening flavor={Flavor} url={Url}")]
    public static partial void Listening(ILogger logger, GiteaFlavor flavor, Uri url);

    [LoggerMessage(EventId = 8301, EventName = "GiteaEmulatorWebhookFailed", Level = LogLevel.Warning,
        Message = "webhook delivery failed (Gitea does not retry) job={JobId} action={Action} error={Error}")]
    public static partial void WebhookFailed(ILogger logger, long jobId, string action, string error);

    [LoggerMessage(EventId = 8302, EventName = "GiteaEmulatorWebhookDropped", Level = LogLevel.Information,
        Message = "webhook delivery dropped by fault injection job={JobId} action={Action}")]
    public static partial void WebhookDropped(ILogger logger, long jobId, string action);
}
