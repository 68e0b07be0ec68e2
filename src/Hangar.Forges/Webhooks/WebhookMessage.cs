using System.Diagnostics.CodeAnalysis;
using Hangar.Core.Jobs;

namespace Hangar.Forges.Webhooks;

/// <summary>What one delivery turned out to be (see <see cref="IWebhookReader.Read"/>).</summary>
public sealed record WebhookMessage
{
    private WebhookMessage(WebhookMessageKind kind, string eventName, JobEvent? jobEvent, string? reason)
    {
        Kind = kind;
        EventName = eventName;
        Event = jobEvent;
        Reason = reason;
    }

    public WebhookMessageKind Kind { get; }

    /// <summary>The forge's name for the event (e.g. <c>workflow_job</c>), for logs.</summary>
    public string EventName { get; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="WebhookMessageKind.Job"/>.</summary>
    public JobEvent? Event { get; private init; }

    /// <summary>Why the delivery is ignored, or what is malformed about it; null for a ping or a job.</summary>
    public string? Reason { get; }

    public WebhookOrigin Origin { get; init; } = WebhookOrigin.Unknown;

    [MemberNotNullWhen(true, nameof(Event))]
    public bool IsJob => Event is not null;

    public static WebhookMessage Ping(string eventName) => new(WebhookMessageKind.Ping, eventName, null, null);

    public static WebhookMessage Job(string eventName, JobEvent jobEvent) =>
        new(WebhookMessageKind.Job, eventName, jobEvent ?? throw new ArgumentNullException(nameof(jobEvent)), null);

    public static WebhookMessage Ignored(string eventName, string reason) => new(WebhookMessageKind.Ignored, eventName, null, reason);

    public static WebhookMessage Malformed(string eventName, string error) => new(WebhookMessageKind.Malformed, eventName, null, error);

    /// <summary>The same message for another forge, once the origin told which of the forges sharing a secret it is for.</summary>
    public WebhookMessage ForForge(string forge) => Event is { } jobEvent ? this with { Event = jobEvent with { Forge = forge } } : this;
}
