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

        try
        {
            await Client.Images.InspectImageAsync(Image, timeout.Token);
            return;
        }
        catch (DockerImageNotFoundException)
        {
        }

        if (!File.Exists(HostBusybox))
        {
            throw new InvalidOperationException($"{HostBusybox} is missing: apt-get install -y busybox-static");
        }

        using var rootfs = await BuildRootfsAsync(timeout.Token);
        var (repository, tag) = (Image[..Image.LastIndexOf(':')], Image[(Image.LastIndexOf(':') + 1)..]);
        await Client.Images.CreateImageAsync(
            new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag },
            rootfs,
            new AuthConfig(),
            new Dictionary<string, string>(),
            new Progress<JSONMessage>(),
            timeout.Token);
        await Client.Images.InspectImageAsync(Image, timeout.Token);
    }

    public ValueTask DisposeAsync()
    {
        // The image stays: it is this suite's own cache, and a parallel run of the suite may be using it.
        Client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<MemoryStream> BuildRootfsAsync(CancellationToken cancellationToken)
    {
        var stream = new MemoryStream();
        await using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            foreach (var dir in new[] { "bin/", "tmp/", "data/", "out/" })
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, dir) { Mode = Directory }, cancellationToken);
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
}
