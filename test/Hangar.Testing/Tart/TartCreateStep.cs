namespace Hangar.Testing.Tart;

/// <summary>The points of a Tart create after which Hangar can die, in order (see <see cref="TartStops"/>).</summary>
public enum TartCreateStep
{
    /// <summary><c>tart clone</c> made the VM; it has neither its settings nor ever ran.</summary>
    Cloned,

    /// <summary><c>tart set</c> gave the VM the pool's CPUs, memory and disk; it never ran.</summary>
    Set,

    /// <summary><c>tart run</c> started the VM; the provider has not seen it running yet.</summary>
    Running,
}
