using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Hangar.Core.Providers;

namespace Hangar.Providers.Docker;

/// <summary>
/// <see cref="CredentialDelivery.File"/> for containers: one file per secret in <see cref="Directory"/>, written into
/// the container's own filesystem through the engine's archive API before its command starts (so it also works
/// against a remote engine and for a stopped container about to start again). Directory and files belong to the
/// container's user and are readable by it alone; they go when the container is removed.
/// </summary>
internal static class ContainerCredentials
{
    public const string Directory = "/hangar/credentials";

    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task WriteAsync(
        DockerClient client, ContainerInspectResponse container, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken)
    {
        var (uid, gid) = await ContainerUser.ResolveAsync(client, container.ID, container.Config?.User, cancellationToken).ConfigureAwait(false);
        using var archive = new MemoryStream();
        await using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            var top = Directory.TrimStart('/');
            var parent = top[..top.IndexOf('/', StringComparison.Ordinal)];
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, parent + "/") { Mode = Traversable }, cancellationToken).ConfigureAwait(false);
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
                container.ID, new ContainerPathStatParameters { Path = "/" }, archive, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw DockerProvider.Failure($"writing the credentials of container {container.Name.TrimStart('/')} failed", e, [.. secrets.Values]);
        }
    }
}
