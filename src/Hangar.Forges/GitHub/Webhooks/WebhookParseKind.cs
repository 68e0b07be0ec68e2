namespace Hangar.Forges.GitHub.Webhooks;

public enum WebhookParseKind
{
    /// <summary>The payload described a job change Hangar acts on.</summary>
    Event,

    /// <summary>A well-formed payload Hangar has no use for (e.g. an action it does not track).</summary>
    Ignored,

    /// <summary>The payload is not a usable <c>workflow_job</c> event.</summary>
    Malformed,
}
