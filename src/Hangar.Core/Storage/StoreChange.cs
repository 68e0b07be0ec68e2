using Hangar.Core.Jobs;

namespace Hangar.Core.Storage;

/// <summary>
/// What changed: a kind; for instances, the pool whose rows changed (null when unknown); and the rows themselves when
/// the feed could name them (<paramref name="Instances"/>, <paramref name="Jobs"/>). Null rows: any row of the kind
/// may have changed.
/// </summary>
public sealed record StoreChange(StoreChangeKind Kind, string? Pool = null, IReadOnlyList<string>? Instances = null, IReadOnlyList<JobKey>? Jobs = null);
