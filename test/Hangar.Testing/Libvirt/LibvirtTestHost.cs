using System.Diagnostics;
using System.Runtime.Versioning;
using Hangar.Emulator;

namespace Hangar.Testing.Libvirt;

/// <summary>
/// The libvirt daemon and guest kernel that eng/start-libvirt.sh provides (eng/test.sh and CI run it), named by
/// environment variables. Tests never skip without them: they fail and say how to start them. Guests are tiny:
/// the Debian kernel and an initramfs built here from busybox-static, the modules a guest needs and
/// <c>guest/init</c>, which plays cloud-init's part with the seed.
/// </summary>
[SupportedOSPlatform("linux")]
public static class LibvirtTestHost
{
    private static readonly string[] Modules =
    [
        "virtio_ring", "virtio", "virtio_pci_modern_dev", "virtio_pci_legacy_dev", "virtio_pci", "failover",
        "net_failover", "virtio_net", "virtio_blk", "cdrom", "isofs", "fuse", "virtiofs",
    ];

    private static readonly Lazy<Task<string>> SharedInitrd = new(() => BuildInitrdAsync("contract", new Dictionary<string, string>()));

    private static readonly Lazy<Task<string>> SharedRunnerInitrd = new(async () => await BuildInitrdAsync("runner", await RunnerFilesAsync()));

    private static readonly Lazy<string> SharedBaseImage = new(CreateBaseImage);

    /// <summary>The host's loopback as a guest on QEMU's user-mode network reaches it.</summary>
    public const string HostLoopbackInGuest = "10.0.2.2";

    public static string Uri => Variable("HANGAR_TEST_LIBVIRT_URI");

    public static string Kernel => Variable("HANGAR_TEST_GUEST_KERNEL");

    /// <summary>A directory every test's files go under; world-traversable so QEMU's user reaches them.</summary>
    public static string Root { get; } = CreateRoot();

    /// <summary>The busybox guest (no runner inside), built once per test run.</summary>
    public static Task<string> InitrdAsync() => SharedInitrd.Value;

    /// <summary>The guest with the native emulated runner at <c>/bin/hangar-emulated-runner</c>, built once per test run.</summary>
    public static Task<string> RunnerInitrdAsync() => SharedRunnerInitrd.Value;

    /// <summary>An empty 64 MiB qcow2 disk: the base image every test domain's overlay backs onto.</summary>
    public static string BaseImage => SharedBaseImage.Value;

    /// <summary>A new directory under <see cref="Root"/> with mode 0755.</summary>
    public static string NewDirectory(string prefix)
    {
        var path = Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>An initramfs of busybox-static, the guest modules, <c>guest/init</c> and <paramref name="extra"/>
    /// (guest path → host file).</summary>
    public static async Task<string> BuildInitrdAsync(string name, IReadOnlyDictionary<string, string> extra)
    {
        var modules = Variable("HANGAR_TEST_GUEST_MODULES");
        var tree = NewDirectory($"initrd-{name}");
        foreach (var directory in new[] { "bin", "lib/modules", "proc", "sys", "dev", "tmp", "run", "seed", "etc" })
        {
            Directory.CreateDirectory(Path.Combine(tree, directory));
        }

        File.Copy("/bin/busybox", Path.Combine(tree, "bin/busybox"));
        foreach (var applet in (await RunAsync("/bin/busybox", "--list")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (applet != "busybox")
            {
                File.CreateSymbolicLink(Path.Combine(tree, "bin", applet), "busybox");
            }
        }

        File.Copy(Path.Combine(AppContext.BaseDirectory, "guest", "init"), Path.Combine(tree, "init"));
        File.SetUnixFileMode(Path.Combine(tree, "init"), (UnixFileMode)0b111_101_101);
        foreach (var module in Modules)
        {
            var file = Directory.EnumerateFiles(modules, module + ".ko", SearchOption.AllDirectories).FirstOrDefault()
                ?? throw new InvalidOperationException($"kernel module {module}.ko is not under {modules}");
            File.Copy(file, Path.Combine(tree, "lib/modules", module + ".ko"));
        }

        await File.WriteAllLinesAsync(Path.Combine(tree, "lib/modules/order"), Modules);
        foreach (var (guestPath, hostFile) in extra)
        {
            var target = Path.Combine(tree, guestPath.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(hostFile, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(hostFile) | UnixFileMode.UserExecute);
        }

        var initrd = Path.Combine(tree, "..", $"{Path.GetFileName(tree)}.cpio.gz");
        await RunAsync("sh", "-c", $"cd '{tree}' && find . | /bin/busybox cpio -o -H newc 2>/dev/null | gzip -1 > '{initrd}'");
        File.SetUnixFileMode(initrd, (UnixFileMode)0b110_100_100);
        Directory.Delete(tree, recursive: true);
        return Path.GetFullPath(initrd);
    }

    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    /// <summary><c>virsh</c> on the test connection; its output, or null when it failed.</summary>
    public static async Task<string?> VirshAsync(params string[] arguments)
    {
        try
        {
            return await RunAsync("virsh", ["--connect", Uri, "--quiet", .. arguments]);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The native runner and the shared libraries <c>ldd</c> lists, at the same paths in the guest.</summary>
    private static async Task<Dictionary<string, string>> RunnerFilesAsync()
    {
        var binary = EmulatedRunnerBinary.Path;
        var files = new Dictionary<string, string> { ["/bin/hangar-emulated-runner"] = binary };
        foreach (var line in (await RunAsync("ldd", binary)).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var path = line.Contains("=>", StringComparison.Ordinal) ? line.Split("=>")[1].Trim().Split(' ')[0] : line.Split(' ')[0];
            if (path.StartsWith('/'))
            {
                files[path] = path;
            }
        }

        return files;
    }

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: these tests need libvirtd and a guest kernel. Run `bash eng/start-libvirt.sh` with " +
                "HANGAR_SERVICES_ENV=<file> and source that file (eng/test.sh does both)");

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"hangar-libvirt-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        return root;
    }

    private static string CreateBaseImage()
    {
        var path = Path.Combine(NewDirectory("base"), "base.qcow2");
        RunAsync("qemu-img", "create", "-q", "-f", "qcow2", path, "64M").GetAwaiter().GetResult();
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        return path;
    }
}
