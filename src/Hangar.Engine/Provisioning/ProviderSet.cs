using System.Collections.Frozen;
using Hangar.Core.Providers;

namespace Hangar.Engine.Provisioning;

/// <summary>The configured providers by name, each with its own bound on concurrent calls.</summary>
public sealed class ProviderSet
{
    private const int DefaultConcurrency = 8;

    private readonly FrozenDictionary<string, (IProvider Provider, SemaphoreSlim Gate)> _providers;

    public ProviderSet(IEnumerable<IProvider> providers, EngineOptions options)
    {
        _providers = providers.ToFrozenDictionary(
            p => p.Name,
            p => (p, new SemaphoreSlim(Math.Max(1, options.ProviderConcurrency.GetValueOrDefault(p.Name, DefaultConcurrency)))),
            StringComparer.Ordinal);
    }

    public IEnumerable<IProvider> All => _providers.Values.Select(v => v.Provider);

    public IProvider Get(string name) =>
        _providers.TryGetValue(name, out var entry)
            ? entry.Provider
            : throw new InvalidOperationException($"no provider named '{name}' is configured");

    /// <summary>Runs <paramref name="call"/> once a slot of that provider is free.</summary>
    public async Task<T> WithSlotAsync<T>(string name, Func<IProvider, Task<T>> call, CancellationToken cancellationToken)
    {
        if (!_providers.TryGetValue(name, out var entry))
        {
            throw new InvalidOperationException($"no provider named '{name}' is configured");
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(entry.Provider).ConfigureAwait(false);
        }
        finally
        {
            entry.Gate.Release();
        }
    }
}
