using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Hangar.Core.Providers;

namespace Hangar.Providers.Libvirt;

/// <summary>
/// The domain definition for one runner: tagged with the controller id and pool (metadata, and the title that
/// <c>virsh list --title</c> shows), CPUs and memory from the pool, the overlay disk, the read-only credential seed,
/// one virtiofs share per mount, QEMU's user-mode network and a serial console written to a file. The domain powers
/// off for good: an ephemeral runner's machine is never rebooted.
/// </summary>
internal static class DomainXml
{
    /// <summary>The title prefix marking Hangar's domains in <c>virsh list --title</c>.</summary>
    public const string TitlePrefix = "hangar";

    public static string Title(string controller, string pool) => $"{TitlePrefix} {controller} {pool}";

    /// <summary>The share's tag inside the guest (<c>mount -t virtiofs hangar0 /target</c>).</summary>
    public static string MountTag(int index) => $"hangar{index}";

    /// <summary>Derived from controller and name so that a concurrent define of the same domain is the same domain,
    /// and another controller's domain of that name can never be redefined as ours.</summary>
    public static Guid Uuid(string controller, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{controller}/{name}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static XDocument Build(LibvirtProviderOptions options, RunnerSpec spec, DomainFiles files, string domainType)
    {
        XNamespace hangar = Virsh.MetadataNamespace;
        var os = new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "pc"), "hvm"));
        if (options.Kernel is { } kernel)
        {
            os.Add(new XElement("kernel", kernel));
            if (options.Initrd is { } initrd)
            {
                os.Add(new XElement("initrd", initrd));
            }

            if (options.Cmdline is { } cmdline)
            {
                os.Add(new XElement("cmdline", cmdline));
            }
        }
        else
        {
            os.Add(new XElement("boot", new XAttribute("dev", "hd")));
        }

        var devices = new XElement("devices",
            Disk(files.Overlay, "qcow2", "vda", readOnly: false),
            Disk(files.Seed, "raw", "vdb", readOnly: true),
            spec.Mounts.Select((mount, i) => new XElement("filesystem",
                new XAttribute("type", "mount"), new XAttribute("accessmode", "passthrough"),
                new XElement("driver", new XAttribute("type", "virtiofs")),
                new XElement("source", new XAttribute("dir", mount.Source)),
                new XElement("target", new XAttribute("dir", MountTag(i))))),
            new XElement("interface", new XAttribute("type", "user"), new XElement("model", new XAttribute("type", "virtio"))),
            new XElement("serial", new XAttribute("type", "file"),
                new XElement("source", new XAttribute("path", files.Console)),
                new XElement("target", new XAttribute("port", "0"))),
            new XElement("rng", new XAttribute("model", "virtio"), new XElement("backend", new XAttribute("model", "random"), "/dev/urandom")));

        var domain = new XElement("domain", new XAttribute("type", domainType),
            new XElement("name", spec.Name),
            new XElement("uuid", Uuid(options.ControllerId, spec.Name)),
            new XElement("title", Title(options.ControllerId, spec.Pool)),
            new XElement("metadata", new XElement(hangar + "instance",
                new XAttribute(XNamespace.Xmlns + "hangar", hangar.NamespaceName),
                new XAttribute("controller", options.ControllerId),
                new XAttribute("pool", spec.Pool))),
            new XElement("memory", new XAttribute("unit", "MiB"), spec.MemoryMb ?? options.DefaultMemoryMb),
            new XElement("vcpu", Cpus(spec, options)),
            // virtiofs needs guest memory that virtiofsd can map.
            spec.Mounts.Count == 0 ? null : new XElement("memoryBacking",
                new XElement("source", new XAttribute("type", "memfd")),
                new XElement("access", new XAttribute("mode", "shared"))),
            os,
            new XElement("features", new XElement("acpi")),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "destroy"),
            new XElement("on_crash", "destroy"),
            devices);
        return new XDocument(domain);
    }

    /// <summary>Whole vCPUs: a fractional <c>cpus</c> is rounded up (a VM has no CPU quota short of one).</summary>
    public static int Cpus(RunnerSpec spec, LibvirtProviderOptions options) =>
        spec.Cpus is { } cpus ? Math.Max(1, (int)Math.Ceiling(cpus)) : options.DefaultCpus;

    private static XElement Disk(string file, string format, string target, bool readOnly) =>
        new("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
            new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", format)),
            new XElement("source", new XAttribute("file", file)),
            new XElement("target", new XAttribute("dev", target), new XAttribute("bus", "virtio")),
            readOnly ? new XElement("readonly") : null);
}
