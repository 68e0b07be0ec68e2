using Hangar.Configuration;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Providers.Docker;
using Hangar.Providers.Process;
using Hangar.Server.Agent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Tests.Agent;

/// <summary>An exec host (real SQLite store, real process and Docker providers, the agent endpoint on loopback).</summary>
internal sealed class ExecFixture : IAsyncDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hangar-exec-test-");

    private ExecFixture(WebApplication app, string controllerId)
    {
        App = app;
        ControllerId = controllerId;
    }

    public WebApplication App { get; }

    public string ControllerId { get; }

    public IStore Store => App.Services.GetRequiredService<IStore>();

    public string Temp(string name) => Directory.CreateDirectory(Path.Combine(_root.FullName, name)).FullName;

    public IProvider Provider(string name) => App.Services.GetServices<IProvider>().Single(p => p.Name == name);

    public static async Task<ExecFixture> StartAsync(CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("hangar-exec-host-");
        var controller = "exec-" + Guid.NewGuid().ToString("N")[..8];
        var config = new HangarConfig
        {
            Server = new ServerConfig { DataDir = Path.Combine(root.FullName, "data") },
            Providers = new Dictionary<string, ProviderConfig>
            {
                ["local"] = new() { Process = new ProcessProviderOptions { Name = "local", WorkDir = Path.Combine(root.FullName, "runners") } },
                ["docker"] = new() { Docker = new DockerProviderOptions { Name = "docker", StopGrace = TimeSpan.FromSeconds(1) } },
            },
            Engine = new EngineOptions
            {
                ControllerId = controller,
                Pools =
                [
                    new PoolSpec { Name = "proc", Forge = "", Target = ForgeTarget.Repository("exec/none"), Provider = "local", Labels = ["exec"], Command = [AgentBinary.Path], BootTimeout = TimeSpan.FromSeconds(60) },
                    new PoolSpec
                    {
                        Name = "box", Forge = "", Target = ForgeTarget.Repository("exec/none"), Provider = "docker", Labels = ["exec"], Image = AgentBinary.Image, Command = [AgentBinary.PathInImage],
                        NetworkMode = "host", BootTimeout = TimeSpan.FromSeconds(60),
                    },
                ],
            },
        };
        var app = ExecHost.Create(config);
        await app.StartAsync(ct);
        return new ExecFixture(app, controller);
    }

    public Task<ExecOutcome> RunAsync(string pool, ExecRequest request, RecordingExecSink sink, CancellationToken ct) =>
        ExecHost.RunAsync(App, pool, request, sink, ct);

    public string LastInstance => App.Services.GetRequiredService<ExecRunner>().LastInstance!;

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        _root.Delete(recursive: true);
    }
}
