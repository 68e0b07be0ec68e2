using System.Globalization;
using System.Text.Json;
using Hangar.Core.Providers;

namespace Hangar.Providers.Libvirt;

/// <summary>
/// A domain's disk: a qcow2 overlay whose backing file is the pool's image, so a clone costs a few hundred KiB and no
/// copy, and deleting the domain's directory deletes it. The base image is never written. <c>disk_gb</c> sets the
/// overlay's size, which may grow the image but never shrink it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class DomainDisk
{
    public static async Task CreateAsync(RunnerSpec spec, DomainFiles files, LibvirtProviderOptions options, ToolRunner tools, CancellationToken ct)
    {
        var image = spec.Image!;
        var info = await tools.RunAsync(options.QemuImg, ["info", "--output=json", "--force-share", image], ct).ConfigureAwait(false);
        if (!info.Ok)
        {
            throw new InvalidOperationException($"image {image} of domain {spec.Name} cannot be read: {info.Message}");
        }

        using var json = JsonDocument.Parse(info.StandardOutput);
        var format = json.RootElement.GetProperty("format").GetString() ?? "raw";
        var size = json.RootElement.GetProperty("virtual-size").GetInt64();
        var arguments = new List<string> { "create", "-q", "-f", "qcow2", "-F", format, "-b", Path.GetFullPath(image) };
        var temporary = files.Overlay + $".{Guid.NewGuid():N}";
        arguments.Add(temporary);
        if (spec.DiskGb is { } gb)
        {
            var requested = gb * 1024L * 1024 * 1024;
            if (requested < size)
            {
                throw new InvalidOperationException(
                    $"disk_gb {gb} of domain {spec.Name} is smaller than its image {image} ({size / (1024.0 * 1024 * 1024):0.#} GiB)");
            }

            arguments.Add(requested.ToString(CultureInfo.InvariantCulture));
        }

        var result = await tools.RunAsync(options.QemuImg, arguments, ct).ConfigureAwait(false);
        if (!result.Ok)
        {
            File.Delete(temporary);
            throw new InvalidOperationException($"creating the overlay of domain {spec.Name} on {image} failed: {result.Message}");
        }

        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, files.Overlay, overwrite: true);
    }
}
