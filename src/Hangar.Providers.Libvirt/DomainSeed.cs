using System.Runtime.Versioning;
using Hangar.Core.Providers;

namespace Hangar.Providers.Libvirt;

/// <summary>
/// Writes a domain's NoCloud seed (an ISO 9660 volume labelled <c>cidata</c>) holding its credential. The seed is
/// this domain's alone and mode 0600: the staging directory is 0700 and removed whatever happens, and the ISO is made
/// there and only then moved into the domain's directory. libvirt hands the file to QEMU's user while the domain
/// runs; delete removes it.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class DomainSeed
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerOnly | UnixFileMode.UserExecute;

    public static async Task WriteAsync(RunnerSpec spec, DomainFiles files, LibvirtProviderOptions options, ToolRunner tools, CancellationToken ct)
    {
        var staging = Path.Combine(files.Directory, $".seed-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging, OwnerDirectory);
        try
        {
            var content = Path.Combine(staging, "content");
            Directory.CreateDirectory(content, OwnerDirectory);
            foreach (var (relative, bytes) in SeedContent.Files(spec))
            {
                var path = Path.Combine(content, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!, OwnerDirectory);
                await using var stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly,
                });
                await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
            }

            var iso = Path.Combine(staging, "seed.iso");
            var result = await tools.RunAsync(
                options.IsoTool,
                ["-quiet", "-output", iso, "-volid", "cidata", "-joliet", "-rock", "-input-charset", "utf-8", content],
                ct).ConfigureAwait(false);
            if (!result.Ok)
            {
                throw new InvalidOperationException($"making the seed of domain {spec.Name} with {options.IsoTool} failed: {result.Message}");
            }

            File.SetUnixFileMode(iso, OwnerOnly);
            File.Move(iso, files.Seed, overwrite: true);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
