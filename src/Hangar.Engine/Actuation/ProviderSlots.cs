using System.Collections.Frozen;
using Hangar.Core.Providers;

namespace Hangar.Engine.Actuation;

/// <summary>
/// Every call that changes something at a provider waits for one of that provider's slots
/// (<see cref="EngineOptions.ProviderConcurrency"/>, default 8), whoever asks: creates, destroys and orphan deletes alike.
/// </summary>
internal sealed class ProviderSlots
{
    private const int DefaultConcurrency = 8;

    private readonly FrozenDictionary<string, (IProvider Provider, SemaphoreSlim Gate)> _providers;

    public ProviderSlots(ProviderSet providers, EngineOptions options)
    {
        _providers = providers.All.ToFrozenDictionary(
            p => p.Name,
            p => (p, new SemaphoreSlim(Math.Max(1, options.ProviderConcurrency.GetValueOrDefault(p.Name, DefaultConcurrency)))),
            StringComparer.Ordinal);
    }

    /// <summary>Runs <paramref name="call"/> once a slot of that provider is free.</summary>
    public async Task<T> WithSlotAsync<T>(string provider, Func<IProvider, Task<T>> call, CancellationToken cancellationToken)
    {
        if (!_providers.TryGetValue(provider, out var entry))
        {
            throw new InvalidOperationException($"no provider named '{provider}' is configured");
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

    public Task WithSlotAsync(string provider, Func<IProvider, Task> call, CancellationToken cancellationToken) =>
        WithSlotAsync(provider, async p =>
        {
            await call(p).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
