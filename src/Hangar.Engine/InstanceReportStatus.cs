namespace Hangar.Engine;

/// <summary>What a machine reports about its own bootstrap (GARM's <c>status</c> callback values).</summary>
public enum InstanceReportStatus
{
    /// <summary>A progress line; the state does not change.</summary>
    Installing,

    /// <summary>The runner is configured and waiting for a job.</summary>
    Idle,

    /// <summary>The bootstrap failed; the instance is failed and will be cleaned up.</summary>
    Failed,
}
