namespace Hangar.Providers.Libvirt;

/// <summary><c>providers.NAME</c> with <c>type: libvirt</c>.</summary>
public sealed record LibvirtProviderOptions
{
    /// <summary>The provider's configured name.</summary>
    public required string Name { get; init; }

    /// <summary>Written into every domain's metadata; only domains carrying it are ever touched. Set by the host.</summary>
    public string ControllerId { get; init; } = "";

    /// <summary>The libvirt connection URI. A local one: overlays and seeds are written on this host.</summary>
    public string Uri { get; init; } = "qemu:///system";

    /// <summary>Where each domain's overlay disk, credential seed and console log live, one directory per domain
    /// under a directory per controller id.</summary>
    public string StateDir { get; init; } = "/var/lib/hangar/libvirt";

    /// <summary><c>kvm</c>, or <c>qemu</c> for software emulation (TCG); null picks <c>kvm</c> when /dev/kvm exists.</summary>
    public string? DomainType { get; init; }

    /// <summary>Direct kernel boot: the guest's kernel; null boots the image's own boot loader.</summary>
    public string? Kernel { get; init; }

    /// <summary>Direct kernel boot: the initramfs.</summary>
    public string? Initrd { get; init; }

    /// <summary>Direct kernel boot: the kernel command line.</summary>
    public string? Cmdline { get; init; }

    /// <summary>vCPUs of a domain whose pool sets no <c>cpus</c>.</summary>
    public int DefaultCpus { get; init; } = 2;

    /// <summary>Memory of a domain whose pool sets no <c>memory_mb</c>, in MiB.</summary>
    public long DefaultMemoryMb { get; init; } = 4096;

    /// <summary>How long one <c>virsh</c>, <c>qemu-img</c> or ISO tool call may take before it is killed.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a graceful shutdown may take before a stop forces the domain off.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(30);

    public string Virsh { get; init; } = "virsh";

    public string QemuImg { get; init; } = "qemu-img";

    /// <summary>Makes the NoCloud seed (an ISO 9660 volume labelled <c>cidata</c>): genisoimage, or a compatible
    /// mkisofs / xorrisofs.</summary>
    public string IsoTool { get; init; } = "genisoimage";
}
