namespace Hangar.Emulator.Webhooks;

/// <summary>One delivery to make. <see cref="Body"/> is fixed at the event, so a redelivery sends the same bytes.</summary>
internal sealed record WebhookWorkItem(Guid DeliveryId, string Action, long JobId, long RepositoryId, byte[] Body)
{
    public int Attempt { get; init; }

    /// <summary>The fault to inject into this delivery, drawn once in event order (so a seed replays); a held-back or
    /// redelivered copy carries none.</summary>
    public WebhookFault Fault { get; init; }
}
