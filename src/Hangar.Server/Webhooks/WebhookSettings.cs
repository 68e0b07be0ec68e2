using System.Collections.Frozen;

namespace Hangar.Server.Webhooks;

internal sealed class WebhookSettings(IEnumerable<WebhookForge> forges, long maxBodyBytes)
{
    private readonly FrozenDictionary<string, WebhookForge> _forges = forges.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public long MaxBodyBytes { get; } = maxBodyBytes;

    /// <summary>
    /// The forge a delivery is for: the one named in the path; for the bare path, the forge named <c>github</c>, or the
    /// only forge when there is just one.
    /// </summary>
    public WebhookForge? Find(string? name) =>
        name is not null ? _forges.GetValueOrDefault(name)
        : _forges.TryGetValue("github", out var github) ? github
        : _forges.Count == 1 ? _forges.Values[0]
        : null;
}
