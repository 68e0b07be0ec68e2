using Hangar.Core.Instances;

namespace Hangar.Core.Storage;

/// <summary>What a pool holds, counted by the store rather than listed: its queued jobs and its instances (deleted ones
/// left out) by state. States with none are absent.</summary>
public sealed record PoolTally(string Pool, int QueuedJobs, IReadOnlyDictionary<InstanceState, int> Instances);
