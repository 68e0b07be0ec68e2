using System.Collections.Frozen;

namespace Hangar.Server.Webhooks;

/// <summary>The forges that take webhooks, and the body size limit.</summary>
internal sealed class WebhookSettings(IEnumerable<WebhookForge> forges, long maxBodyBytes)
{
    private readonly FrozenDictionary<string, WebhookForge> _forges = forges.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public long MaxBodyBytes { get; } = maxBodyBytes;

    /// <summary>The forge named in the path, or null.</summary>
    public WebhookForge? Find(string name) => _forges.GetValueOrDefault(name);

    /// <summary>Every forge of a type, in name order (the candidates of a path that names no forge).</summary>
    public IReadOnlyList<WebhookForge> OfType(string type) =>
        [.. _forges.Values.Where(f => f.Type == type).OrderBy(f => f.Name, StringComparer.Ordinal)];
}
