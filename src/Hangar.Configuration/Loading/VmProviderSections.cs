using Hangar.Providers.Libvirt;
using Hangar.Providers.Tart;

namespace Hangar.Configuration.Loading;

/// <summary>The settings of the VM providers: libvirt (a local connection URI, where overlays and seeds live, an
/// optional direct kernel boot) and Tart (the executable, where shares live, the host's running-VM limit, how long a pull may take).</summary>
internal static class VmProviderSections
{
    public static ProviderConfig? ReadLibvirt(MappingReader provider, string name)
    {
        var defaults = new LibvirtProviderOptions { Name = name };
        var uri = provider.String("uri");
        if (uri is not null && !IsLocalQemu(uri))
        {
            // Overlays and seeds are written on this host with qemu-img and the ISO tool, next to the domain.
            provider.Context.Error(provider.Node("uri")!.Start, $"{provider.At("uri")}: expected a local QEMU connection (qemu:///system or qemu:///session), got '{uri}'");
        }

        var kernel = provider.FilePath("kernel");
        foreach (var key in new[] { "initrd", "cmdline" })
        {
            if (kernel is null && provider.IsPresent(key))
            {
                provider.Context.Error(provider.KeyMark(key), $"{provider.At(key)}: only with a direct kernel boot; set kernel too");
            }
        }

        return new ProviderConfig
        {
            Libvirt = defaults with
            {
                Uri = uri ?? defaults.Uri,
                StateDir = provider.FilePath("state_dir") ?? defaults.StateDir,
                DomainType = provider.OneOf("domain_type", false, "kvm", "qemu"),
                Kernel = kernel,
                Initrd = provider.FilePath("initrd"),
                Cmdline = provider.String("cmdline"),
                DefaultCpus = (int?)provider.Integer("default_cpus", min: 1, max: 1024) ?? defaults.DefaultCpus,
                DefaultMemoryMb = provider.Integer("default_memory_mb", min: 64) ?? defaults.DefaultMemoryMb,
            },
        };
    }

    public static ProviderConfig? ReadTart(MappingReader provider, string name)
    {
        var defaults = new TartProviderOptions { Name = name };
        return new ProviderConfig
        {
            Tart = defaults with
            {
                Executable = provider.String("executable") ?? defaults.Executable,
                StateDir = provider.FilePath("state_dir") ?? defaults.StateDir,
                MaxRunning = (int?)provider.Integer("max_running", min: 1, max: 64) ?? defaults.MaxRunning,
                PullTimeout = provider.Duration("pull_timeout") ?? defaults.PullTimeout,
            },
        };
    }

    private static bool IsLocalQemu(string uri) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Scheme is "qemu" or "qemu+unix"
        && parsed.Host.Length == 0
        && parsed.AbsolutePath is "/system" or "/session";
}
