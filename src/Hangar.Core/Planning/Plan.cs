namespace Hangar.Core.Planning;

/// <summary>What the provisioner should do now. Empty when the world matches the configuration.</summary>
public sealed record Plan
{
    public IReadOnlyList<JobRoute> Routes { get; init; } = [];

    public IReadOnlyList<UnroutableJob> Unroutable { get; init; } = [];

    public IReadOnlyList<PoolCreate> Creates { get; init; } = [];

    public IReadOnlyList<InstanceDestroy> Destroys { get; init; } = [];

    /// <summary>Stopped machines to start for demand (the stopped tier), before any cold create.</summary>
    public IReadOnlyList<InstanceStart> Starts { get; init; } = [];

    /// <summary>New machines to make and keep stopped, refilling each pool's <c>min_stopped</c>.</summary>
    public IReadOnlyList<PoolCreate> Prepares { get; init; } = [];

    /// <summary>The share of <see cref="Creates"/> a pool's warm policy asked for, with why; a pool absent here creates
    /// for queued jobs only.</summary>
    public IReadOnlyList<WarmCreate> WarmCreates { get; init; } = [];

    public bool IsEmpty => Routes.Count == 0 && Unroutable.Count == 0 && Creates.Count == 0 && Destroys.Count == 0
        && Starts.Count == 0 && Prepares.Count == 0;
}
