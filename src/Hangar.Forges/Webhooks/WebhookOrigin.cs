namespace Hangar.Forges.Webhooks;

/// <summary>
/// What a payload says about where it comes from, to tell apart forges that share a webhook secret (e.g. github.com
/// and a GHES with one secret): the repository's API URL, under the forge's API URL, and the App installation.
/// </summary>
public sealed record WebhookOrigin(string? RepositoryApiUrl, long? InstallationId)
{
    public static WebhookOrigin Unknown { get; } = new(null, null);
}
