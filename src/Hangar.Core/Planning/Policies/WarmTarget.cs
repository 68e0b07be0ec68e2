namespace Hangar.Core.Planning.Policies;

/// <summary>How many idle runners a pool should have beyond its queued jobs, and why (written into the history of
/// each runner made for it).</summary>
internal readonly record struct WarmTarget(int Count, string Reason);
