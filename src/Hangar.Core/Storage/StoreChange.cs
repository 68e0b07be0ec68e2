namespace Hangar.Core.Storage;

/// <summary>What changed: a kind and, for instances, the pool whose rows changed (null when unknown).</summary>
public sealed record StoreChange(StoreChangeKind Kind, string? Pool = null);
