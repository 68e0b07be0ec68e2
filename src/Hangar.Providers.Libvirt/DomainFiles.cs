namespace Hangar.Providers.Libvirt;

/// <summary>
/// Where one domain's files live: <c>{state_dir}/{controller id}/{name}/</c> holding the overlay disk, the credential
/// seed, the console log, the XML it was defined from and the marker that it was started once. The per-controller
/// directory keeps two installations sharing a state directory apart, and a crash before <c>virsh define</c> leaves
/// only this directory, which delete removes.
/// </summary>
internal sealed record DomainFiles(string Directory)
{
    public static DomainFiles Of(LibvirtProviderOptions options, string name) =>
        new(Path.Combine(ControllerDirectory(options), name));

    public static string ControllerDirectory(LibvirtProviderOptions options) =>
        Path.Combine(Path.GetFullPath(options.StateDir), options.ControllerId);

    public string Overlay => Path.Combine(Directory, "overlay.qcow2");

    public string Seed => Path.Combine(Directory, "seed.iso");

    public string Console => Path.Combine(Directory, "console.log");

    public string Xml => Path.Combine(Directory, "domain.xml");

    /// <summary>Written after the first start: a shut-off domain with it has run and ended; without it, a crash came
    /// between define and start and create starts it.</summary>
    public string Started => Path.Combine(Directory, "started");

    public bool WasStarted => File.Exists(Started);

    /// <summary>A domain made for the stopped tier: its spec without secrets, from which its seed is made again with
    /// the credential when it is started (<see cref="PreparedSpec"/>).</summary>
    public string Prepared => Path.Combine(Directory, "prepared.json");
}
