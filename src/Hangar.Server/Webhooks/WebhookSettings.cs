using System.Collections.Frozen;

namespace Hangar.Server.Webhooks;

internal sealed class WebhookSettings(IEnumerable<WebhookForge> forges, long maxBodyBytes)
{
    private readonly FrozenDictionary<string, WebhookForge> _forges = forges.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public long MaxBodyBytes { get; } = maxBodyBytes;

    /// <summary>The forge a delivery is for: named in the path, or the only GitHub forge when there is one.</summary>
    public WebhookForge? Find(string? name) =>
        name is not null ? _forges.GetValueOrDefault(name)
        : _forges.Count == 1 ? _forges.Values[0]
        : null;
}
