using System.Collections.Frozen;
using Hangar.Core.Forges;

namespace Hangar.Engine;

/// <summary>The configured forges by name.</summary>
internal sealed class ForgeSet(IEnumerable<IForge> forges)
{
    private readonly FrozenDictionary<string, IForge> _forges = forges.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The forge by that name, or null when none is configured (any more).</summary>
    public IForge? Find(string name) => _forges.GetValueOrDefault(name);

    public IForge Get(string name) =>
        _forges.TryGetValue(name, out var forge)
            ? forge
            : throw new InvalidOperationException($"no forge named '{name}' is configured");
}
