namespace Hangar.Core.Storage;

/// <summary>Where routing left a job (<see cref="IStore.SetJobRouteAsync"/>).</summary>
public enum JobRouting
{
    /// <summary>No decision yet: neither a pool nor a reason (a job just stored).</summary>
    Unrouted,

    /// <summary>Routed to a pool.</summary>
    Routed,

    /// <summary>No pool can serve it; the reason is stored.</summary>
    Unroutable,
}
