namespace Hangar.Server.Webhooks;

/// <summary>A forge that accepts webhooks: its resolved signing secret (null when none is configured), and what a
/// payload can be matched against when several forges share the bare path (its API URL and App installation).</summary>
internal sealed record WebhookForge(string Name, byte[]? Secret, Uri? ApiUrl = null, long? InstallationId = null, long? AppId = null)
{
    public override string ToString() => $"WebhookForge {{ Name = {Name}, ApiUrl = {ApiUrl} }}";
}
