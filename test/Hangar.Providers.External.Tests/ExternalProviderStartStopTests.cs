using Hangar.Core.Providers;
using Hangar.Testing;
using Hangar.Testing.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.External.Tests;

/// <summary>
/// GARM's <c>StartInstance</c> and <c>StopInstance</c> beyond the contract suite: under either interface version, and
/// their error cases (a non-zero exit with the provider's stderr, a kill at the timeout). The machines boot for real
/// against the metadata endpoints, so a stop stops a running runner.
/// </summary>
public sealed class ExternalProviderStartStopTests(InstanceMetadataHost host) : IAsyncLifetime
{
    private const string Pool = "garm";
    private const string LongRunning = "trap 'exit 0' TERM; sleep 300 & wait";

    private readonly string _controllerId = $"ctl-{Guid.NewGuid():N}"[..16];
    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-external-startstop-").FullName;

    private string ConfigFile => Path.Combine(_directory, "provider.json");

    public async ValueTask InitializeAsync() => await File.WriteAllTextAsync(ConfigFile, "{}");

    public async ValueTask DisposeAsync()
    {
        await DockerCli.RemoveAllAsync(_controllerId);
        Directory.Delete(_directory, recursive: true);
    }

    private ExternalProvider NewProvider(string version = ExternalProviderOptions.V011, TimeSpan? timeout = null) => new(
        new ExternalProviderOptions
        {
            Name = "garm-docker",
            ControllerId = _controllerId,
            Executable = GarmDockerProvider.Executable,
            ConfigFile = ConfigFile,
            Environment = GarmDockerProvider.Environment,
            InterfaceVersion = version,
            ExecTimeout = timeout ?? TimeSpan.FromMinutes(1),
            CallbackBaseUrl = host.BaseUrl,
        },
        [Pool],
        host.Secrets,
        NullLogger<ExternalProvider>.Instance,
        TimeProvider.System);

    private async Task<RunnerSpec> RunningAsync(ExternalProvider provider, CancellationToken ct)
    {
        var name = $"hgr-{Pool}-{Guid.NewGuid():N}"[..20];
        var spec = new RunnerSpec
        {
            Name = name,
            Pool = Pool,
            Labels = ["linux"],
            Image = "hangar/emulated-runner:native",
            Command = ["sh", "-c", "echo up >> /tmp/boots; " + LongRunning],
            InstanceToken = await host.TokenForAsync(name, Pool),
        };
        await provider.CreateAsync(spec, ct);
        await Poll.UntilAsync(async () => (await BootsAsync(name)) == 1, TimeSpan.FromSeconds(60), "the runner to start", ct);
        return spec;
    }

    private static async Task<int> BootsAsync(string name)
    {
        var (exit, output) = await DockerCli.RunAsync("exec", name, "cat", "/tmp/boots");
        return exit == 0 ? System.Text.Encoding.UTF8.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length : 0;
    }

    [Theory(Timeout = 180_000)]
    [InlineData(ExternalProviderOptions.V010)]
    [InlineData(ExternalProviderOptions.V011)]
    public async Task StopThenStart_EitherVersion_TheSameContainerStopsAndRunsItsRunnerAgain(string version)
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = NewProvider(version);
        var spec = await RunningAsync(provider, ct);

        (await provider.StopAsync(spec.Name, ct)).ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Exited);
        (await DockerCli.TextAsync("inspect", "--format", "{{.State.Status}}", spec.Name)).Trim().ShouldBe("exited");

        (await provider.StartAsync(spec.Name, cancellationToken: ct)).ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Running);
        await Poll.UntilAsync(async () => (await BootsAsync(spec.Name)) == 2, TimeSpan.FromSeconds(60), "the runner to start again", ct);
        (await DockerCli.ContainersAsync(_controllerId)).ShouldBe([spec.Name]);
    }

    [Fact(Timeout = 180_000)]
    public async Task StartAsync_NonZeroExit_ThrowsWithStderr()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = NewProvider();
        var spec = await RunningAsync(provider, ct);
        await provider.StopAsync(spec.Name, ct);
        await File.WriteAllTextAsync(ConfigFile, """{"fail": "StartInstance"}""", ct);

        var error = await Should.ThrowAsync<ExternalProviderException>(() => provider.StartAsync(spec.Name, cancellationToken: ct));

        error.Message.ShouldContain("StartInstance exited with 1");
        error.Message.ShouldContain("injected failure for StartInstance");
    }

    [Fact(Timeout = 180_000)]
    public async Task StopAsync_PastTheTimeout_KilledAndThrows()
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = await RunningAsync(NewProvider(), ct);
        await File.WriteAllTextAsync(ConfigFile, """{"hang": "StopInstance"}""", ct);

        var error = await Should.ThrowAsync<ExternalProviderException>(() => NewProvider(timeout: TimeSpan.FromSeconds(2)).StopAsync(spec.Name, ct));

        error.Message.ShouldContain("StopInstance did not finish");
        error.Message.ShouldContain("was killed");
    }
}
