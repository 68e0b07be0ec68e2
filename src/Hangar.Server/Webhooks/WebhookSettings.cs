using System.Collections.Frozen;
using Hangar.Forges.GitHub.Webhooks;

namespace Hangar.Server.Webhooks;

internal sealed class WebhookSettings(IEnumerable<WebhookForge> forges, long maxBodyBytes)
{
    private readonly FrozenDictionary<string, WebhookForge> _forges = forges.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public long MaxBodyBytes { get; } = maxBodyBytes;

    public bool IsEmpty => _forges.Count == 0;

    /// <summary>The forge named in the path (<c>/webhooks/github/{forge}</c>), or null.</summary>
    public WebhookForge? Find(string name) => _forges.GetValueOrDefault(name);

    /// <summary>
    /// The forge a delivery on the bare path is for. Only forges whose secret verifies the signature are candidates, so
    /// routing never trusts unsigned content; several candidates (forges sharing a secret) are told apart by the payload:
    /// <c>repository.url</c> under the forge's API URL, then <c>installation.id</c> against its App installation; what is
    /// still ambiguous goes to the forge named <c>github</c>, or is refused (post to <c>/webhooks/github/{forge}</c>).
    /// </summary>
    public WebhookRoute Route(ReadOnlySpan<byte> body, string? signature)
    {
        var candidates = new List<WebhookForge>();
        foreach (var forge in _forges.Values)
        {
            if (forge.Secret is not null && GitHubWebhookSignature.IsValid(body, signature, forge.Secret))
            {
                candidates.Add(forge);
            }
        }

        if (candidates.Count == 1)
        {
            return WebhookRoute.To(candidates[0]);
        }

        if (candidates.Count == 0)
        {
            return WebhookRoute.Unsigned;
        }

        var facts = WebhookPayloadFacts.Read(body);
        var narrowed = Narrow(candidates, f => facts.RepositoryUrl is { } url && f.ApiUrl is { } api && IsUnder(url, api));
        narrowed = Narrow(narrowed, f => facts.InstallationId is { } id && f.InstallationId == id);
        return narrowed.Count == 1 ? WebhookRoute.To(narrowed[0])
            : narrowed.FirstOrDefault(f => f.Name == "github") is { } github ? WebhookRoute.To(github)
            : WebhookRoute.Ambiguous([.. narrowed.Select(f => f.Name)]);
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
