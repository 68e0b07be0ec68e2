namespace Hangar.Server.Webhooks;

/// <summary>A configured forge as its webhooks see it: its type (which picks the reader), its resolved signing secret
/// (null when none is configured), and what a payload's origin is matched against when several forges share a secret
/// (its API URL and App installation).</summary>
internal sealed record WebhookForge(string Name, string Type, byte[]? Secret, Uri? ApiUrl = null, long? InstallationId = null)
{
    public override string ToString() => $"WebhookForge {{ Name = {Name}, Type = {Type}, ApiUrl = {ApiUrl} }}";
}
