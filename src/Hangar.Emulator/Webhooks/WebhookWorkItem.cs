namespace Hangar.Emulator.Webhooks;

/// <summary>One delivery to make. <see cref="Body"/> is fixed at the event, so a redelivery sends the same bytes.</summary>
internal sealed record WebhookWorkItem(Guid DeliveryId, string Action, long JobId, long RepositoryId, byte[] Body)
{
    public int Attempt { get; init; }

    /// <summary>Webhook faults were already drawn for this delivery (a held-back or redelivered copy is not drawn again).</summary>
    public bool FaultsDrawn { get; init; }
}
