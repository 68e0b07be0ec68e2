namespace Hangar.Engine.Leases;

/// <summary>One round's spreading: the pool leases to take or renew, one to give up (or none), and why.</summary>
internal sealed record PoolSpreadDecision(IReadOnlySet<string> Seek, string? Release, int LiveReplicas, int Target);
