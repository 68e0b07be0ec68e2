using System.Collections.Concurrent;
using System.Formats.Tar;
using Hangar.Core.Providers;
using Hangar.Testing.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.External.Tests;

/// <summary>
/// The provider contract on a GARM external provider: the conformant Docker-backed test provider
/// (<c>garm-docker-provider.mjs</c>), run as GARM runs it. Its machines are containers that fetch Hangar's install script
/// and their credentials from the real metadata endpoints (<see cref="InstanceMetadataHost"/>) with a real instance
/// token, so every runner here gets its secrets the way a cloud VM would. The runner's working directory is the image's,
/// <c>/opt/runner</c>.
/// </summary>
public sealed class ExternalProviderContractTests(InstanceMetadataHost host) : ProviderContractTests
{
    private const string Image = "hangar/emulated-runner:native";
    private const string WorkDir = "/opt/runner";

    private readonly string _configFile = Path.Combine(Directory.CreateTempSubdirectory("hangar-external-contract-").FullName, "provider.json");
    private readonly ConcurrentDictionary<string, bool> _controllers = new(StringComparer.Ordinal);

    protected override TimeSpan Patience => TimeSpan.FromSeconds(60);

    public override async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(_configFile, "{}");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var controller in _controllers.Keys)
        {
            await DockerCli.RemoveAllAsync(controller);
        }

        Directory.Delete(Path.GetDirectoryName(_configFile)!, recursive: true);
        await base.DisposeAsync();
    }

    protected override IProvider NewProvider(string controllerId)
    {
        _controllers[controllerId] = true;
        return new ExternalProvider(
            new ExternalProviderOptions
            {
                Name = "garm-docker",
                ControllerId = controllerId,
                Executable = GarmDockerProvider.Executable,
                ConfigFile = _configFile,
                Environment = GarmDockerProvider.Environment,
                InterfaceVersion = ExternalProviderOptions.V011,
                ExecTimeout = TimeSpan.FromMinutes(1),
                CallbackBaseUrl = host.BaseUrl,
            },
            ["pool-a", "pool-b"],
            host.Secrets,
            NullLogger<ExternalProvider>.Instance,
            TimeProvider.System);
    }

    // Every machine needs a real token: it presents it to fetch its install script.
    protected override RunnerSpec Spec(string name, string pool, string script) => new()
    {
        Name = name,
        Pool = pool,
        Labels = ["self-hosted"],
        Image = Image,
        Command = ["sh", "-c", script],
        InstanceToken = host.TokenForAsync(name, pool).GetAwaiter().GetResult(),
    };

    protected override Task<string> IssueInstanceTokenAsync(string name) => host.TokenForAsync(name, "pool-a");

    protected override Task<IReadOnlyList<string>> MachinesOutsideAsync(string controllerId) => DockerCli.ContainersAsync(controllerId);

    protected override async Task<bool> RunsOutsideAsync(string name)
    {
        var (exit, output) = await DockerCli.RunAsync("inspect", "--format", "{{.State.Running}}", name);
        return exit == 0 && System.Text.Encoding.UTF8.GetString(output).Trim() == "true";
    }

    // docker cp reads a stopped container too, so "nothing written" is seen as such, not as "cannot look".
    protected override async Task<string?> ReadOutputAsync(string name, string file)
    {
        var (exit, output) = await DockerCli.RunAsync("cp", $"{name}:{WorkDir}/{file}", "-");
        if (exit != 0)
        {
            return null;
        }

        using var tar = new TarReader(new MemoryStream(output));
        var entry = await tar.GetNextEntryAsync(copyData: true);
        if (entry?.DataStream is null)
        {
            return null;
        }

        using var reader = new StreamReader(entry.DataStream);
        return await reader.ReadToEndAsync();
    }

    protected override (RunnerSpec Spec, string Missing) Unrunnable(RunnerSpec spec)
    {
        var image = $"hangar-test/absent-{Guid.NewGuid():N}:1";
        return (spec with { Image = image }, image);
    }
}
