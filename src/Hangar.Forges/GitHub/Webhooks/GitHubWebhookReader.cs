using Hangar.Forges.Webhooks;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>
/// GitHub's (and GHES's) webhooks: <c>X-Hub-Signature-256</c>, <c>X-GitHub-Event</c>, <c>X-GitHub-Delivery</c>. The body
/// is read once, by one forward pass (<see cref="GitHubPayload"/>, no document); the same pass yields the origin, the hook-target check and the job.
/// </summary>
internal sealed class GitHubWebhookReader : IWebhookReader
{
    public const string Type = "github";
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";

    public string ForgeType => Type;

    public string? DeliveryId(WebhookDelivery delivery) => delivery.Header(DeliveryHeader);

    public bool IsSigned(WebhookDelivery delivery, ReadOnlySpan<byte> secret) =>
        GitHubWebhookSignature.IsValid(delivery.Body.Span, delivery.Header(GitHubWebhookSignature.HeaderName), secret);

    public WebhookMessage Read(WebhookDelivery delivery, string forge)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(forge);
        var eventName = delivery.Header(EventHeader) ?? "";
        var payload = GitHubPayload.Scan(delivery.Body);
        var facts = GitHubPayloadFacts.Read(payload);
        var origin = new WebhookOrigin(facts.RepositoryUrl, facts.InstallationId);
        var message = GitHubHookTarget.Contradiction(delivery.Header(GitHubHookTarget.TypeHeader), delivery.Header(GitHubHookTarget.IdHeader), facts) is { } contradiction
            ? WebhookMessage.Malformed(eventName, contradiction)
            : eventName switch
            {
                "ping" => WebhookMessage.Ping(eventName),
                GitHubWorkflowJobPayload.EventName => payload.ParseError is { } parseError
                    ? WebhookMessage.Malformed(eventName, parseError)
                    : GitHubWorkflowJobPayload.Read(forge, payload, DeliveryId(delivery)),
                _ => WebhookMessage.Ignored(eventName, $"event '{eventName}' ignored"),
            };
        return message with { Origin = origin };
    }
}
