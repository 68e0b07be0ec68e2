using Hangar.Core.Pools;

namespace Hangar.Engine;

public sealed record EngineOptions
{
    /// <summary>
    /// Marks everything this installation creates, so it only ever cleans up its own. A loaded configuration leaves it
    /// empty unless <c>server.controller_id</c> is set; the host then fills in the one kept in the store.
    /// </summary>
    public string ControllerId { get; init; } = "";

    public IReadOnlyList<PoolSpec> Pools { get; init; } = [];

    public TimeSpan ConvergeInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The runner-status loop: runners coming online and going busy at the forge.</summary>
    public TimeSpan ObserveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The other reconciler loops: intervals, thresholds, create retries.</summary>
    public ReconcileOptions Loops { get; init; } = new();

    public TimeSpan DeliveryRetention { get; init; } = TimeSpan.FromDays(4);

    /// <summary>At most this many provider calls at once per provider (by provider name; default 8).</summary>
    public IReadOnlyDictionary<string, int> ProviderConcurrency { get; init; } = new Dictionary<string, int>();

    /// <summary>This replica's name and its leases' duration (several replicas on one PostgreSQL database).</summary>
    public LeaseOptions Leases { get; init; } = new();

    /// <summary>Completed jobs this recent are still matched to their runners (covers a late webhook after a restart).</summary>
    public TimeSpan CompletedJobLookback { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How scale-set listeners retry (pools of forges in scale-set mode).</summary>
    public ScaleSetOptions ScaleSets { get; init; } = new();
}
