namespace Hangar.Core.Instances;

public enum InstanceState
{
    /// <summary>Intent stored; the provider has not been called.</summary>
    Pending,

    /// <summary>Forge credential and provider create under way.</summary>
    Provisioning,

    /// <summary>
    /// The stopped tier: the machine is made but not running, and holds no runner credential. Started for a job, it
    /// moves to booting; its credential is minted only then (credentials are short-lived).
    /// </summary>
    Stopped,

    /// <summary>The provider says it exists; the runner is not yet online.</summary>
    Booting,

    /// <summary>Registered at the forge, no job.</summary>
    Idle,

    /// <summary>Running a job.</summary>
    Busy,

    /// <summary>Job done or retirement decided; waiting to be deleted.</summary>
    Draining,

    /// <summary>Provider delete and forge deregistration under way.</summary>
    Deleting,

    Deleted,

    Failed,
}
