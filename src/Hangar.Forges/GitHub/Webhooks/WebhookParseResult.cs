using System.Diagnostics.CodeAnalysis;
using Hangar.Core.Jobs;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>What a webhook body turned out to be: an event, something to ignore (with why), or malformed (with what is wrong).</summary>
public sealed record WebhookParseResult
{
    private WebhookParseResult(WebhookParseKind kind, JobEvent? jobEvent, string? reason)
    {
        Kind = kind;
        Event = jobEvent;
        Reason = reason;
    }

    public WebhookParseKind Kind { get; }

    /// <summary>Set when <see cref="Kind"/> is <see cref="WebhookParseKind.Event"/>.</summary>
    public JobEvent? Event { get; }

    /// <summary>Why the payload was ignored, or what is malformed about it; null for an event.</summary>
    public string? Reason { get; }

    [MemberNotNullWhen(true, nameof(Event))]
    public bool IsEvent => Event is not null;

    public static WebhookParseResult FromEvent(JobEvent jobEvent) =>
        new(WebhookParseKind.Event, jobEvent ?? throw new ArgumentNullException(nameof(jobEvent)), null);

    public static WebhookParseResult Ignored(string reason) => new(WebhookParseKind.Ignored, null, reason);

    public static WebhookParseResult Malformed(string error) => new(WebhookParseKind.Malformed, null, error);
}
