using Hangar.Configuration;
using Hangar.Core.Access;
using Hangar.Core.Pools;
using Hangar.Emulator;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Providers.Docker;
using Hangar.Providers.Process;
using Hangar.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Hangar.Dashboard.Tests;

/// <summary>
/// A real server with a real emulator and the process provider: pool <c>linux</c> runs the native emulated runner, pool
/// <c>broken</c> keeps one idle runner whose command does not exist, so it always holds a failed create with its error.
/// With <c>dockerRunners</c>, pools <c>docker-small</c> and <c>docker-large</c> (labels in <see cref="DockerLabels"/>)
/// run the emulated runner's image on the real Docker engine, up to that many runners each.
/// </summary>
internal sealed class DashboardStack : IAsyncDisposable
{
    public const string ReadToken = "dashboard-read-token";
    public const string PlannerToken = "dashboard-planner-token";
    public static readonly string[] LinuxLabels = ["self-hosted", "linux", "dash"];
    public static readonly IReadOnlyDictionary<string, string[]> DockerLabels = new Dictionary<string, string[]>
    {
        ["docker-small"] = ["linux", "docker", "small"],
        ["docker-large"] = ["linux", "docker", "large"],
    };

    private readonly DirectoryInfo _dataDir;

    private DashboardStack(EmulatorHost emulator, WebApplication app, DirectoryInfo dataDir)
    {
        Emulator = emulator;
        App = app;
        _dataDir = dataDir;
        BaseUrl = HangarHost.ListeningUrls(app)[0];
    }

    public EmulatorHost Emulator { get; }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public static async Task<DashboardStack> StartAsync(CancellationToken ct, int dockerRunners = 0)
    {
        var dataDir = Directory.CreateTempSubdirectory("hangar-dashboard-test-");
        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = "gh-token", WebhookSecret = "gh-secret" }, ct);
        var pools = new[]
        {
            new PoolSpec
            {
                Name = "linux", Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = LinuxLabels[1..], Provider = "process",
                Command = [EmulatedRunnerBinary.Path, "--idle-timeout", "120"], MaxRunners = 2, IdleGrace = TimeSpan.FromSeconds(2),
            },
            new PoolSpec
            {
                Name = "broken", Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["broken"], Provider = "process",
                Command = [Path.Combine(dataDir.FullName, "no-such-runner")], MinIdle = 1, MaxRunners = 1,
            },
        };
        if (dockerRunners > 0)
        {
            pools = [.. pools, .. DockerLabels.Select(p => new PoolSpec
            {
                Name = p.Key, Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = p.Value, Provider = "docker",
                Image = "hangar/emulated-runner:native", NetworkMode = "host", MaxRunners = dockerRunners, IdleGrace = TimeSpan.FromSeconds(2),
            })];
        }

        var config = new HangarConfig
        {
            Server = new ServerConfig
            {
                DataDir = dataDir.FullName,
                ApiTokens = [new SecretRef("read"), new ApiTokenConfig(new SecretRef("planner"), ApiScope.Planner)],
            },
            Engine = new EngineOptions
            {
                ControllerId = "dash-" + Guid.NewGuid().ToString("N")[..8],
                ConvergeInterval = TimeSpan.FromSeconds(1),
                ObserveInterval = TimeSpan.FromSeconds(1),
                Pools = pools,
            },
            Forges = new Dictionary<string, ForgeConfig>
            {
                ["github"] = new()
                {
                    GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = emulator.ApiUrl.ToString() },
                    Token = new SecretRef("gh-token"),
                    WebhookSecret = new SecretRef("gh-secret"),
                },
            },
            Providers = new Dictionary<string, ProviderConfig>
            {
                ["process"] = new() { Process = new ProcessProviderOptions { Name = "process", WorkDir = Path.Combine(dataDir.FullName, "process") } },
            },
        };
        if (dockerRunners > 0)
        {
            config = config with { Providers = new Dictionary<string, ProviderConfig>(config.Providers) { ["docker"] = new() { Docker = new DockerProviderOptions { Name = "docker" } } } };
        }

        var app = HangarHost.Create(config, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string>
            {
                ["read"] = ReadToken, ["planner"] = PlannerToken, ["gh-token"] = "gh-token", ["gh-secret"] = "gh-secret",
            },
        });
        await app.StartAsync(ct);
        var stack = new DashboardStack(emulator, app, dataDir);
        emulator.SetWebhook(new Uri($"{stack.BaseUrl}/webhooks/github"), "gh-secret");
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
        try
        {
            _dataDir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
