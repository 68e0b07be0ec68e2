namespace Hangar.Core.Providers;

public enum ProviderInstanceStatus
{
    /// <summary>Created, not yet running.</summary>
    Created,

    Running,

    /// <summary>The runner process ended (container exited, process gone).</summary>
    Exited,

    Unknown,
}
