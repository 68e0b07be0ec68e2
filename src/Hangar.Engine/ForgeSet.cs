using System.Collections.Frozen;
using Hangar.Core.Forges;

namespace Hangar.Engine;

/// <summary>The configured forges by name.</summary>
internal sealed class ForgeSet(IEnumerable<IForge> forges)
{
    private readonly FrozenDictionary<string, IForge> _forges = forges.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    public IForge Get(string name) =>
        _forges.TryGetValue(name, out var forge)
            ? forge
            : throw new InvalidOperationException($"no forge named '{name}' is configured");
}
