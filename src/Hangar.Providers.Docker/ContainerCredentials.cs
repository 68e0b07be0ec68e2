using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Core.Providers;

namespace Hangar.Providers.Docker;

/// <summary>
/// <see cref="CredentialDelivery.File"/> for containers: one file per secret in <see cref="Directory"/>, in the
/// container's own volume at <see cref="Root"/>, written through the engine's archive API before its command starts
/// (so it also works against a remote engine, with a read-only root file system, and for a stopped container about
/// to start again). Nothing of it is in the container's configuration (<c>docker inspect</c>). Directory and files
/// belong to the container's user and are readable by it alone; they go when the container is removed.
/// </summary>
internal static class ContainerCredentials
{
    /// <summary>Where a container created with file delivery has a volume of its own.</summary>
    public const string Root = "/hangar";

    public const string Directory = Root + "/credentials";

    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task WriteAsync(
        DockerClient client, ContainerInspectResponse container, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken)
    {
        var (uid, gid) = await ContainerUser.ResolveAsync(client, container.ID, container.Config?.User, cancellationToken).ConfigureAwait(false);

        // Containers created before the volume get the directory in their own file system.
        var inVolume = container.Mounts?.Any(m => m.Destination == Root) == true;
        var destination = inVolume ? Root : "/";
        using var archive = new MemoryStream();
        await using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            var top = inVolume ? Directory[(Root.Length + 1)..] : Directory.TrimStart('/');
            if (!inVolume)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, Root.TrimStart('/') + "/") { Mode = Traversable }, cancellationToken).ConfigureAwait(false);
            }

            await writer.WriteEntryAsync(
                new PaxTarEntry(TarEntryType.Directory, top + "/") { Mode = OwnerOnlyDirectory, Uid = uid, Gid = gid },
                cancellationToken).ConfigureAwait(false);
            foreach (var (name, value) in secrets)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{top}/{name}")
                {
                    Mode = OwnerOnlyFile,
                    Uid = uid,
                    Gid = gid,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(value)),
                };
                await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }

        archive.Position = 0;
        try
        {
            await client.Containers.ExtractArchiveToContainerAsync(
                container.ID, new ContainerPathStatParameters { Path = destination }, archive, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw DockerProvider.Failure($"writing the credentials of container {container.Name.TrimStart('/')} failed", e, [.. secrets.Values]);
        }
    }
}
