namespace Hangar.Core.Storage;

public enum StoreChangeKind
{
    /// <summary>Job events were stored (new demand, or jobs moved on).</summary>
    Jobs,

    /// <summary>Instances of a pool changed state.</summary>
    Instances,

    /// <summary>The feed lost its connection and is back: anything may have changed meanwhile.</summary>
    Resync,
}
