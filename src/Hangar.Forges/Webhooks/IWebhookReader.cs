namespace Hangar.Forges.Webhooks;

/// <summary>
/// One forge type's webhooks: how a delivery is signed, what it says, and what identifies it. The server picks the
/// reader by the <b>configured</b> forge's type, never by the delivery's headers: Gitea and Forgejo also send
/// <c>X-GitHub-*</c> and <c>X-Hub-Signature-256</c>. A reader holds no state; one instance serves every forge of its type.
/// </summary>
public interface IWebhookReader
{
    /// <summary>The forge type this reader serves (a forge's configured <c>type</c>, e.g. <c>github</c>).</summary>
    string ForgeType { get; }

    /// <summary>The forge's id of this delivery, for logs only (read before the signature is checked).</summary>
    string? DeliveryId(WebhookDelivery delivery);

    /// <summary>
    /// True only when the delivery carries a valid signature of its body under <paramref name="secret"/>. Compares in
    /// constant time and reads nothing of the body but its bytes: nothing unsigned is ever parsed. An empty secret never
    /// verifies.
    /// </summary>
    bool IsSigned(WebhookDelivery delivery, ReadOnlySpan<byte> secret);

    /// <summary>
    /// Reads a delivery whose signature was verified, parsing its body once: a ping, a job event for
    /// <paramref name="forge"/> (with its dedupe key in <see cref="Core.Jobs.JobEvent.DeliveryId"/>), an event to ignore,
    /// or a malformed delivery; with what the payload says about its origin. Never throws, whatever the body.
    /// </summary>
    WebhookMessage Read(WebhookDelivery delivery, string forge);
}
