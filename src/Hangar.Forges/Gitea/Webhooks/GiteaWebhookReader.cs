using System.Text.Json;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.Gitea.Webhooks;

/// <summary>
/// Gitea's webhooks: <c>X-Gitea-Signature</c> (plain hex), <c>X-Gitea-Event</c>, <c>X-Gitea-Delivery</c>. Chosen by the
/// configured forge's type, never by headers (Gitea also sends <c>X-GitHub-*</c> and <c>X-Hub-Signature-256</c>). A ping
/// is Gitea's hook test; <c>workflow_job</c> is demand; anything else is ignored.
/// </summary>
internal sealed class GiteaWebhookReader : IWebhookReader
{
    public const string EventHeader = "X-Gitea-Event";
    public const string DeliveryHeader = "X-Gitea-Delivery";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public string ForgeType => GiteaForge.Type;

    public string? DeliveryId(WebhookDelivery delivery) => delivery.Header(DeliveryHeader);

    public bool IsSigned(WebhookDelivery delivery, ReadOnlySpan<byte> secret) =>
        GiteaWebhookSignature.IsValid(delivery.Body.Span, delivery.Header(GiteaWebhookSignature.HeaderName), secret);

    public WebhookMessage Read(WebhookDelivery delivery, string forge)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(forge);
        var eventName = delivery.Header(EventHeader) ?? "";
        if (eventName != GiteaWorkflowJobPayload.EventName)
        {
            return eventName == "ping" ? WebhookMessage.Ping(eventName) : WebhookMessage.Ignored(eventName, $"event '{eventName}' ignored");
        }

        if (delivery.Body.IsEmpty)
        {
            return WebhookMessage.Malformed(eventName, "body is empty");
        }

        try
        {
            using var document = JsonDocument.Parse(delivery.Body, DocumentOptions);
            var message = GiteaWorkflowJobPayload.Read(forge, document.RootElement);
            var repositoryUrl = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("repository", out var repository) && repository.ValueKind == JsonValueKind.Object
                && repository.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
                ? url.GetString()
                : null;
            return message with { Origin = new WebhookOrigin(repositoryUrl, null) };
        }
        catch (JsonException ex)
        {
            return WebhookMessage.Malformed(eventName, $"body is not valid JSON: {ex.Message}");
        }
    }
}
