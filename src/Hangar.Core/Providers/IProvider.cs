namespace Hangar.Core.Providers;

/// <summary>
/// Where runners live. Providers know nothing of forges. Every instance a provider makes carries the controller id
/// and pool, so <see cref="ListAsync"/> can find exactly Hangar's own.
/// </summary>
public interface IProvider
{
    /// <summary>The provider's configured name.</summary>
    string Name { get; }

    /// <summary>Creates and starts the instance. Idempotent by name: if it already exists, returns it unchanged.</summary>
    Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Stops and removes the instance. A no-op when it does not exist.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The instance with that name and this controller id, or null.</summary>
    Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every instance carrying this controller id (and <paramref name="pool"/> when given).</summary>
    Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default);
}
