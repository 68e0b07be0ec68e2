using System.Collections.Frozen;
using Hangar.Core.Providers;

namespace Hangar.Engine;

/// <summary>
/// The configured providers by name, for looking. Calls that change something at a provider go through the actuator
/// (<c>Actuation.ProviderSlots</c>), which bounds them per provider.
/// </summary>
internal sealed class ProviderSet(IEnumerable<IProvider> providers)
{
    private readonly FrozenDictionary<string, IProvider> _providers = providers.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    public IEnumerable<IProvider> All => _providers.Values;

    /// <summary>False for a provider removed from (or renamed in) the configuration that stored instances still name.</summary>
    public bool Contains(string name) => _providers.ContainsKey(name);

    public IProvider Get(string name) =>
        _providers.TryGetValue(name, out var provider)
            ? provider
            : throw new InvalidOperationException($"no provider named '{name}' is configured");
}
