using System.Diagnostics;
using Hangar.Configuration;
using Hangar.Core.Access;
using Hangar.Core.Pools;
using Hangar.Engine;
using Hangar.Providers.Docker;
using Hangar.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Hangar.Cli.Tests.Agent;

/// <summary>
/// <c>hangar exec --server --token</c> against a running <c>serve</c> (its agent endpoint, an exec-only Docker pool with no
/// forge): inputs go up, logs come back live, the changed files land in <c>--output</c>, the exit code propagates and the
/// machine is gone afterwards; a read token is refused.
/// </summary>
public sealed class RemoteExecTests : IAsyncLifetime
{
    private const string AdminToken = "hgr_admin_remote_exec";
    private const string ReadToken = "hgr_read_remote_exec";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hangar-remote-exec-");
    private readonly string _pool = "rx" + Guid.NewGuid().ToString("N")[..8];
    private WebApplication _app = null!;
    private string _server = "";

    public async ValueTask InitializeAsync()
    {
        _app = HangarHost.Create(new HangarConfig
        {
            Server = new ServerConfig
            {
                DataDir = Path.Combine(_root.FullName, "data"),
                ApiTokens = [new ApiTokenConfig(new SecretRef("admin"), ApiScope.Admin), new ApiTokenConfig(new SecretRef("read"), ApiScope.Read)],
                Agent = new AgentEndpointConfig { Listen = new Uri("http://127.0.0.1:0") },
            },
            Providers = new Dictionary<string, ProviderConfig>
            {
                ["docker"] = new() { Docker = new DockerProviderOptions { Name = "docker", StopGrace = TimeSpan.FromSeconds(1) } },
            },
            Engine = new EngineOptions
            {
                ControllerId = _pool,
                Pools =
                [
                    new PoolSpec
                    {
                        Name = _pool, Forge = "", Target = ForgeTarget.Repository(""), Labels = [], Provider = "docker", ExecOnly = true,
                        Image = "hangar/emulated-runner:native", Agent = "/opt/runner/hangar-agent", NetworkMode = "host", BootTimeout = TimeSpan.FromSeconds(60),
                    },
                ],
            },
        }, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["admin"] = AdminToken, ["read"] = ReadToken },
        });
        await _app.StartAsync();
        _server = HangarHost.ListeningUrls(_app)[0];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task ExecThroughServer_InputsUpLogsBackChangesOut_ExitCodePropagatesAndMachineGone()
    {
        var input = Directory.CreateDirectory(Path.Combine(_root.FullName, "in")).FullName;
        var output = Path.Combine(_root.FullName, "out");
        await File.WriteAllTextAsync(Path.Combine(input, "in.txt"), "from the client\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(input, "untouched.txt"), "stays\n", TestContext.Current.CancellationToken);

        var result = await HangarCli.RunAsync(TimeSpan.FromSeconds(120),
            "exec", "--server", _server, "--token", AdminToken, "--pool", _pool, "--input", input, "--output", output, "--",
            "sh", "-c", "tr a-z A-Z < in.txt > out/upper.txt 2>/dev/null || { mkdir out; tr a-z A-Z < in.txt > out/upper.txt; }; echo to-stdout; echo to-stderr >&2; rm in.txt; exit 7");

        result.ExitCode.ShouldBe(7, result.Stderr);
        result.Stdout.ShouldContain("to-stdout");
        result.Stderr.ShouldContain("to-stderr");
        result.Stderr.ShouldContain("hangar exec: deleted in.txt");
        (await File.ReadAllTextAsync(Path.Combine(output, "out", "upper.txt"), TestContext.Current.CancellationToken)).ShouldBe("FROM THE CLIENT\n");
        File.Exists(Path.Combine(output, "untouched.txt")).ShouldBeFalse("only the changes come back");
        Containers().ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecThroughServer_ReadToken_Refused()
    {
        var result = await HangarCli.RunAsync(TimeSpan.FromSeconds(60), "exec", "--server", _server, "--token", ReadToken, "--pool", _pool, "--", "true");

        result.ExitCode.ShouldBe(125);
        result.Stderr.ShouldContain("403");
        Containers().ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecThroughServer_UnknownPool_404()
    {
        var result = await HangarCli.RunAsync(TimeSpan.FromSeconds(60), "exec", "--server", _server, "--token", AdminToken, "--pool", "nope", "--", "true");

        result.ExitCode.ShouldBe(125);
        result.Stderr.ShouldContain("no pool named 'nope'");
    }

    private List<string> Containers()
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", ["ps", "-a", "--filter", $"name=^{_pool}-exec-", "--format", "{{.Names}}"]) { RedirectStandardOutput = true })!;
        var names = docker.StandardOutput.ReadToEnd();
        docker.WaitForExit();
        return [.. names.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
