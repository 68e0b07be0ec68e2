using System.Runtime.Versioning;
using System.Xml.Linq;
using Hangar.Providers.Libvirt;

namespace Hangar.Testing.Libvirt;

/// <summary>Looks at libvirt from outside the provider (virsh and the state directory), and removes what a test made.</summary>
[SupportedOSPlatform("linux")]
public sealed class LibvirtDomains
{
    private readonly HashSet<string> _controllers = [];

    public LibvirtDomains()
    {
        StateDir = LibvirtTestHost.NewDirectory("state");
        WorkDir = LibvirtTestHost.NewDirectory("work");
    }

    public string StateDir { get; }

    /// <summary>Each runner's host directory, shared with its guest as /work.</summary>
    public string WorkDir { get; }

    public async Task<LibvirtProviderOptions> OptionsAsync(string controllerId)
    {
        lock (_controllers)
        {
            _controllers.Add(controllerId);
        }

        return new LibvirtProviderOptions
        {
            Name = "libvirt",
            ControllerId = controllerId,
            Uri = LibvirtTestHost.Uri,
            StateDir = StateDir,
            DomainType = "qemu",
            Kernel = LibvirtTestHost.Kernel,
            Initrd = await LibvirtTestHost.InitrdAsync(),
            Cmdline = "console=ttyS0 quiet panic=-1",
            DefaultCpus = 1,
            DefaultMemoryMb = 160,
        };
    }

    public string WorkOf(string name)
    {
        var path = Path.Combine(WorkDir, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Domains whose metadata names <paramref name="controllerId"/>, in any state.</summary>
    public async Task<List<string>> DomainsOfAsync(string controllerId)
    {
        var names = (await LibvirtTestHost.VirshAsync("list", "--all", "--name") ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ours = new List<string>();
        foreach (var name in names)
        {
            if (await LibvirtTestHost.VirshAsync("metadata", "--domain", name, "--uri", Virsh.MetadataNamespace) is { } xml
                && (string?)XElement.Parse(xml).Attribute("controller") == controllerId)
            {
                ours.Add(name);
            }
        }

        return ours;
    }

    /// <summary>The domains and the files (per-domain directories) left for <paramref name="controllerId"/>.</summary>
    public async Task<IReadOnlyList<string>> OutsideAsync(string controllerId)
    {
        var files = Path.Combine(StateDir, controllerId);
        var leftovers = Directory.Exists(files)
            ? Directory.EnumerateDirectories(files).Select(Path.GetFileName).OfType<string>()
            : [];
        return [.. (await DomainsOfAsync(controllerId)).Concat(leftovers).Distinct().Order(StringComparer.Ordinal)];
    }

    public async Task<bool> RunsAsync(string name) => (await LibvirtTestHost.VirshAsync("domstate", "--domain", name))?.Trim() == "running";

    public async Task CleanUpAsync()
    {
        List<string> controllers;
        lock (_controllers)
        {
            controllers = [.. _controllers];
        }

        foreach (var controller in controllers)
        {
            foreach (var name in await DomainsOfAsync(controller))
            {
                await LibvirtTestHost.VirshAsync("destroy", "--domain", name);
                await LibvirtTestHost.VirshAsync("undefine", "--domain", name);
            }
        }

        Directory.Delete(StateDir, recursive: true);
        Directory.Delete(WorkDir, recursive: true);
    }
}
