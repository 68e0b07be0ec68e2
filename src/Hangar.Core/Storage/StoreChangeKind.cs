namespace Hangar.Core.Storage;

public enum StoreChangeKind
{
    /// <summary>Job events were stored (new demand, or jobs moved on), or jobs were routed, killed or checked.</summary>
    Jobs,

    /// <summary>Instances of a pool changed state.</summary>
    Instances,

    /// <summary>The feed is listening (at subscription, once connected, and again after every reconnection): anything
    /// may have changed while it was not.</summary>
    Resync,

    /// <summary>The feed lost its connection: changes go unheard until the next <see cref="Resync"/>.</summary>
    Lost,

    /// <summary>Operators' requests changed: a pool override, or a runner removal request (<see cref="IOperatorRequestChanges"/>).</summary>
    Operators,
}
