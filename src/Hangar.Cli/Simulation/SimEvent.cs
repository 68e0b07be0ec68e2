namespace Hangar.Cli.Simulation;

/// <summary>What happens to a runner at a scheduled time of a replay.</summary>
internal enum SimEvent
{
    /// <summary>The provider made its machine: the create's slot is free, the runner starts.</summary>
    Made,

    /// <summary>The runner is connected at the forge and takes a waiting job.</summary>
    Online,

    /// <summary>Its one job ended: the runner leaves the pool and its machine is destroyed.</summary>
    JobDone,

    /// <summary>The destroy of its machine ended: the destroy's slot is free.</summary>
    Destroyed,
}
