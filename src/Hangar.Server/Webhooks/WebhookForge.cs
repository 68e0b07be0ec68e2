namespace Hangar.Server.Webhooks;

/// <summary>A forge that accepts webhooks, with its resolved signing secret (null when none is configured).</summary>
internal sealed record WebhookForge(string Name, byte[]? Secret)
{
    public override string ToString() => $"WebhookForge {{ Name = {Name} }}";
}
