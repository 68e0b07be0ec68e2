using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;

[assembly: AssemblyFixture(typeof(Hangar.Providers.Docker.Tests.DockerEngineFixture))]

namespace Hangar.Providers.Docker.Tests;

/// <summary>
/// The real engine these tests run against, and a busybox image imported from the host's static busybox (no
/// registry is reachable). An unreachable engine fails every test with the reason instead of skipping them.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    /// <summary>The engine under test: <c>DOCKER_HOST</c> when set, else the local socket.</summary>
    public static readonly string Endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host
        ? host
        : "unix:///var/run/docker.sock";

    public const string Image = "hangar-test/providers-busybox:1";

    /// <summary>The same rootfs whose command runs as <see cref="RunnerUser"/> (uid/gid <see cref="RunnerUid"/>), named in its /etc/passwd.</summary>
    public const string UserImage = "hangar-test/providers-busybox-user:1";

    public const string RunnerUser = "runner";

    public const int RunnerUid = 4321;

    private const string HostBusybox = "/bin/busybox";

    private static readonly string[] Applets = ["sh", "sleep", "cat", "echo", "env", "true", "false", "touch", "test", "kill", "ls"];

    public DockerClient Client { get; } = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await Client.System.PingAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"the Docker engine at {Endpoint} is unreachable ({e.GetType().Name}: {e.Message}); start it with eng/start-dockerd.sh", e);
        }

        await EnsureImageAsync(Image, withUser: false, timeout.Token);
        await EnsureImageAsync(UserImage, withUser: true, timeout.Token);
    }

    public ValueTask DisposeAsync()
    {
        // The image stays: it is this suite's own cache, and a parallel run of the suite may be using it.
        Client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task EnsureImageAsync(string image, bool withUser, CancellationToken cancellationToken)
    {
        try
        {
            await Client.Images.InspectImageAsync(image, cancellationToken);
            return;
        }
        catch (DockerImageNotFoundException)
        {
        }

        if (!File.Exists(HostBusybox))
        {
            throw new InvalidOperationException($"{HostBusybox} is missing: apt-get install -y busybox-static");
        }

        using var rootfs = await BuildRootfsAsync(withUser, cancellationToken);
        var (repository, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
        await Client.Images.CreateImageAsync(
            new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag, Changes = withUser ? [$"USER {RunnerUser}"] : [] },
            rootfs,
            new AuthConfig(),
            new Dictionary<string, string>(),
            new Progress<JSONMessage>(),
            cancellationToken);
        await Client.Images.InspectImageAsync(image, cancellationToken);
    }

    private static async Task<MemoryStream> BuildRootfsAsync(bool withUser, CancellationToken cancellationToken)
    {
        var stream = new MemoryStream();
        await using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            string[] dirs = withUser ? ["bin/", "data/", "out/"] : ["bin/", "tmp/", "data/", "out/"];
            foreach (var dir in dirs)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, dir) { Mode = Directory }, cancellationToken);
            }

            if (withUser)
            {
                // The runner is not root: it gets a world-writable (sticky) /tmp for its output, and a name.
                await writer.WriteEntryAsync(
                    new PaxTarEntry(TarEntryType.Directory, "tmp/") { Mode = Directory | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit },
                    cancellationToken);
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "etc/") { Mode = Directory }, cancellationToken);
                await WriteTextAsync(writer, "etc/passwd", $"root:x:0:0:root:/root:/bin/sh\n{RunnerUser}:x:{RunnerUid}:{RunnerUid}:runner:/tmp:/bin/sh\n", cancellationToken);
                await WriteTextAsync(writer, "etc/group", $"root:x:0:\n{RunnerUser}:x:{RunnerUid}:\n", cancellationToken);
            }

            await writer.WriteEntryAsync(HostBusybox, "bin/busybox", cancellationToken);
            foreach (var applet in Applets)
            {
                await writer.WriteEntryAsync(
                    new PaxTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox", Mode = Directory },
                    cancellationToken);
            }
        }

        stream.Position = 0;
        return stream;
    }

    private static Task WriteTextAsync(TarWriter writer, string path, string text, CancellationToken cancellationToken) =>
        writer.WriteEntryAsync(
            new PaxTarEntry(TarEntryType.RegularFile, path)
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)),
            },
            cancellationToken);
}
