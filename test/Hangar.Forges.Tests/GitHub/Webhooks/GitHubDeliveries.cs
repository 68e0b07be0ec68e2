using Hangar.Forges.GitHub.Webhooks;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.Tests.GitHub.Webhooks;

/// <summary>Deliveries as GitHub sends them, read by the real reader.</summary>
internal static class GitHubDeliveries
{
    public static readonly GitHubWebhookReader Reader = new();

    public static WebhookDelivery Of(byte[] body, string eventName = "workflow_job", string? deliveryId = null, params (string Name, string Value)[] headers)
    {
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-GitHub-Event"] = eventName };
        if (deliveryId is not null)
        {
            all["X-GitHub-Delivery"] = deliveryId;
        }

        foreach (var (name, value) in headers)
        {
            all[name] = value;
        }

        return new WebhookDelivery(body, name => all.GetValueOrDefault(name));
    }

    /// <summary>A <c>workflow_job</c> delivery read for <paramref name="forge"/>.</summary>
    public static WebhookMessage ReadWorkflowJob(string forge, byte[] body, string? deliveryId) => Reader.Read(Of(body, deliveryId: deliveryId), forge);
}
