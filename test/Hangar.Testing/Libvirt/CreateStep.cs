namespace Hangar.Testing.Libvirt;

/// <summary>The points of a libvirt create after which Hangar can die, in order; each is a tool call that made
/// something outside the process (see <see cref="ToolStops"/>).</summary>
public enum CreateStep
{
    /// <summary><c>qemu-img create</c> made the overlay (still under its temporary name).</summary>
    OverlayMade,

    /// <summary>The ISO tool wrote the seed (still in its 0700 staging directory).</summary>
    SeedWritten,

    /// <summary><c>virsh define</c> defined the domain; it was never started.</summary>
    Defined,

    /// <summary><c>virsh start</c> started the domain; the provider has not recorded that yet.</summary>
    Started,
}
