using System.Text.Json;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>
/// GitHub's (and GHES's) webhooks: <c>X-Hub-Signature-256</c>, <c>X-GitHub-Event</c>, <c>X-GitHub-Delivery</c>. The body
/// is parsed once; the same document yields the origin, the hook-target check and the job.
/// </summary>
internal sealed class GitHubWebhookReader : IWebhookReader
{
    public const string Type = "github";
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public string ForgeType => Type;

    public string? DeliveryId(WebhookDelivery delivery) => delivery.Header(DeliveryHeader);

    public bool IsSigned(WebhookDelivery delivery, ReadOnlySpan<byte> secret) =>
        GitHubWebhookSignature.IsValid(delivery.Body.Span, delivery.Header(GitHubWebhookSignature.HeaderName), secret);

    public WebhookMessage Read(WebhookDelivery delivery, string forge)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(forge);
        var eventName = delivery.Header(EventHeader) ?? "";
        using var document = Parse(delivery.Body, out var parseError);
        var facts = GitHubPayloadFacts.Read(document?.RootElement);
        var origin = new WebhookOrigin(facts.RepositoryUrl, facts.InstallationId);
        var message = GitHubHookTarget.Contradiction(delivery.Header(GitHubHookTarget.TypeHeader), delivery.Header(GitHubHookTarget.IdHeader), facts) is { } contradiction
            ? WebhookMessage.Malformed(eventName, contradiction)
            : eventName switch
            {
                "ping" => WebhookMessage.Ping(eventName),
                GitHubWorkflowJobPayload.EventName => document is null
                    ? WebhookMessage.Malformed(eventName, parseError!)
                    : GitHubWorkflowJobPayload.Read(forge, document.RootElement, DeliveryId(delivery)),
                _ => WebhookMessage.Ignored(eventName, $"event '{eventName}' ignored"),
            };
        return message with { Origin = origin };
    }

    /// <summary>The whole body as one JSON document (trailing bytes after it are an error), or null with why not.</summary>
    private static JsonDocument? Parse(ReadOnlyMemory<byte> body, out string? error)
    {
        if (body.IsEmpty)
        {
            error = "body is empty";
            return null;
        }

        try
        {
            error = null;
            return JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            error = $"body is not valid JSON: {ex.Message}";
            return null;
        }
    }
}
