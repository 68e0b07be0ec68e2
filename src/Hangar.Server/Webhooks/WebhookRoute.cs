using Hangar.Forges.Webhooks;

namespace Hangar.Server.Webhooks;

/// <summary>Which of several forges whose secret verifies a delivery it is for (forges sharing a secret), or none
/// because the payload does not tell them apart.</summary>
internal sealed record WebhookRoute(WebhookForge? Forge, IReadOnlyList<string> AmbiguousBetween)
{
    /// <summary>The name of the forge that wins when nothing else tells the candidates apart (the legacy default).</summary>
    private const string DefaultForge = "github";

    /// <summary>
    /// Routing never trusts unsigned content: <paramref name="signedBy"/> holds only forges whose secret verifies the
    /// delivery. They are told apart by its origin: the repository's URL under the forge's API URL, then the App
    /// installation; what is still ambiguous goes to the forge named <c>github</c>, or is refused (the sender must post
    /// to the forge's own path).
    /// </summary>
    public static WebhookRoute Among(IReadOnlyList<WebhookForge> signedBy, WebhookOrigin origin)
    {
        if (signedBy.Count == 1)
        {
            return new(signedBy[0], []);
        }

        var narrowed = Narrow([.. signedBy], f => origin.RepositoryApiUrl is { } url && f.ApiUrl is { } api && IsUnder(url, api));
        narrowed = Narrow(narrowed, f => origin.InstallationId is { } id && f.InstallationId == id);
        return narrowed.Count == 1 ? new(narrowed[0], [])
            : narrowed.FirstOrDefault(f => f.Name == DefaultForge) is { } fallback ? new(fallback, [])
            : new(null, [.. narrowed.Select(f => f.Name)]);
    }

    /// <summary>Keeps the forges matching <paramref name="match"/>, or all of them when none does (the fact is missing).</summary>
    private static List<WebhookForge> Narrow(List<WebhookForge> forges, Func<WebhookForge, bool> match)
    {
        var matching = forges.Where(match).ToList();
        return matching.Count > 0 ? matching : forges;
    }

    private static bool IsUnder(string url, Uri apiUrl) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && string.Equals(uri.Host, apiUrl.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == apiUrl.Port
        && uri.AbsolutePath.StartsWith(apiUrl.AbsolutePath.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);
}
