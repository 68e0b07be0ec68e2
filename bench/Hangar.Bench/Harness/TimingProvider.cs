using System.Collections.Concurrent;
using System.Diagnostics;
using Hangar.Core.Providers;

namespace Hangar.Bench.Harness;

/// <summary>Wraps the real provider and records when each create was called and returned.</summary>
internal sealed class TimingProvider(IProvider inner) : IProvider
{
    private int _created;

    public TaskCompletionSource<long> AllCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Expected { get; set; } = int.MaxValue;

    /// <summary>Per runner name: the wall clock as its create was called and as it returned (comparable with the emulator's stamps).</summary>
    public ConcurrentDictionary<string, (DateTimeOffset Called, DateTimeOffset Returned)> Creates { get; } = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    public async Task<ProviderInstance> CreateAsync(RunnerSpec spec, CancellationToken cancellationToken = default)
    {
        var called = TimeProvider.System.GetUtcNow();
        var instance = await inner.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        Creates[spec.Name] = (called, TimeProvider.System.GetUtcNow());
        if (Interlocked.Increment(ref _created) == Expected)
        {
            AllCreated.TrySetResult(Stopwatch.GetTimestamp());
        }

        return instance;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => inner.DeleteAsync(name, cancellationToken);

    public Task<ProviderInstance?> GetAsync(string name, CancellationToken cancellationToken = default) => inner.GetAsync(name, cancellationToken);

    public Task<IReadOnlyList<ProviderInstance>> ListAsync(string? pool = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(pool, cancellationToken);
}
