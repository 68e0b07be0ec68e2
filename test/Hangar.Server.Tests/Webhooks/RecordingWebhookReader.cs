using Hangar.Core.Jobs;
using Hangar.Forges.Webhooks;

namespace Hangar.Server.Tests.Webhooks;

/// <summary>
/// A reader for a made-up forge type that ignores every GitHub header: it trusts only <c>X-Test-Signature: ok</c> and
/// turns any body into a queued job <see cref="JobId"/> keyed by <c>X-Test-Key</c>. Records what it was asked.
/// </summary>
internal sealed class RecordingWebhookReader(string forgeType) : IWebhookReader
{
    public const long JobId = 424_242;

    private int _signatureChecks;
    private int _reads;

    public string ForgeType => forgeType;

    public int SignatureChecks => Volatile.Read(ref _signatureChecks);

    public int Reads => Volatile.Read(ref _reads);

    public string? DeliveryId(WebhookDelivery delivery) => delivery.Header("X-Test-Key");

    public bool IsSigned(WebhookDelivery delivery, ReadOnlySpan<byte> secret)
    {
        Interlocked.Increment(ref _signatureChecks);
        return !secret.IsEmpty && delivery.Header("X-Test-Signature") == "ok";
    }

    public WebhookMessage Read(WebhookDelivery delivery, string forge)
    {
        Interlocked.Increment(ref _reads);
        return WebhookMessage.Job("test_job", new JobEvent
        {
            Forge = forge,
            JobId = JobId,
            Attempt = 2,
            Status = JobStatus.Queued,
            Repository = "acme/app",
            Labels = ["linux"],
            DeliveryId = delivery.Header("X-Test-Key") is { } key ? $"{forge}:{key}" : null,
        });
    }
}
