namespace Hangar.Forges.Webhooks;

public enum WebhookMessageKind
{
    /// <summary>The forge checking the hook (GitHub's <c>ping</c>): answered, nothing stored.</summary>
    Ping,

    /// <summary>A job change Hangar acts on: <see cref="WebhookMessage.Event"/> is set.</summary>
    Job,

    /// <summary>A well-formed delivery Hangar has no use for (another event, an action it does not track).</summary>
    Ignored,

    /// <summary>Not a usable delivery: a body of the wrong shape, or headers that contradict it.</summary>
    Malformed,
}
