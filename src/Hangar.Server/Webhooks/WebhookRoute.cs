namespace Hangar.Server.Webhooks;

/// <summary>Where a bare-path delivery goes: a forge, nowhere because no forge's secret verifies it, or nowhere because
/// several forges verify it and the payload does not tell them apart.</summary>
internal sealed record WebhookRoute(WebhookForge? Forge, IReadOnlyList<string> AmbiguousBetween)
{
    public static WebhookRoute Unsigned { get; } = new(null, []);

    public static WebhookRoute To(WebhookForge forge) => new(forge, []);

    public static WebhookRoute Ambiguous(IReadOnlyList<string> forges) => new(null, forges);
}
