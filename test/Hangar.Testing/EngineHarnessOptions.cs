using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Engine;

namespace Hangar.Testing;

public sealed record EngineHarnessOptions
{
    public IReadOnlyList<PoolSpec> Pools { get; init; } = [new PoolSpecBuilder().Build()];

    /// <summary>At most this many calls at once per provider name (the engine's default applies to others).</summary>
    public IReadOnlyDictionary<string, int> ProviderConcurrency { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Forges to use instead of new ones, by name: one forge handed to two harnesses is one repository served by two
    /// installations.
    /// </summary>
    public IReadOnlyList<RecordingForge> Forges { get; init; } = [];

    /// <summary>When set, every entry the engine logs is recorded here too.</summary>
    public RecordingLoggerProvider? Logs { get; init; }

    /// <summary>Extra changes to the engine options the harness builds.</summary>
    public Func<EngineOptions, EngineOptions>? Configure { get; init; }

    /// <summary>Use the system clock instead of a <c>FakeTimeProvider</c> (for background work that must see real time pass).</summary>
    public bool UseSystemClock { get; init; }

    /// <summary>Wraps the real store (e.g. <see cref="InterleavingStore.Wrap"/>) before the engine sees it.</summary>
    public Func<IStore, IStore>? WrapStore { get; init; }

    /// <summary>Run the engine on the store alone, without the in-memory live view the host composes over SQLite.</summary>
    public bool WithoutLiveView { get; init; }

    /// <summary>Services registered before the engine's, so they win its <c>TryAdd</c>s (e.g. an <c>ILeaseOwnership</c>).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>How long any harness helper waits before giving up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);
}
