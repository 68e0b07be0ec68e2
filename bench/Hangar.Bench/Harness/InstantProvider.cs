using System.Collections.Concurrent;
using System.Diagnostics;
using Hangar.Core.Providers;

namespace Hangar.Bench.Harness;

/// <summary>A provider that returns at once and timestamps every create call (the end of "decision latency").</summary>
internal sealed class InstantProvider(string name) : IProvider
{
    private readonly ConcurrentDictionary<string, ProviderInstance> _instances = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Called with the spec and <see cref="Stopwatch.GetTimestamp"/> as the create call enters.</summary>
    public Action<RunnerSpec, long>? OnCreate { get; set; }

    public Action<string>? OnDelete { get; set; }

    public void Preload(IEnumerable<(string Name, string Pool)> instances)
    {
        foreach (var (instance, pool) in instances)
        {
            _instances[instance] = new ProviderInstance(instance, "id-" + instance, pool, ProviderInstanceStatus.Running);
        }
    }

    public Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        var at = Stopwatch.GetTimestamp();
        var instance = _instances.GetOrAdd(spec.Name, n => new ProviderInstance(n, "id-" + n, spec.Pool, ProviderInstanceStatus.Running));
        OnCreate?.Invoke(spec, at);
        return Task.FromResult(instance);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        _instances.TryRemove(name, out _);
        OnDelete?.Invoke(name);
        return Task.CompletedTask;
    }

    public Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_instances.GetValueOrDefault(name));

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ProviderInstance>>([.. _instances.Values.Where(i => pool is null || i.Pool == pool)]);
}
