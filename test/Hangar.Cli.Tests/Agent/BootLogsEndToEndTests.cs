using System.Net.Http.Json;
using System.Text.Json;
using Hangar.Configuration;
using Hangar.Core.Access;
using Hangar.Core.Pools;
using Hangar.Core.Providers;
using Hangar.Emulator;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Providers.Docker;
using Hangar.Server;
using Hangar.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Cli.Tests.Agent;

/// <summary>
/// Boot logs end to end: <c>hangar serve</c> with its agent endpoint, a Docker pool whose image carries the agent, and a
/// "runner" that prints a few lines and never comes online. Its lines are visible through the API (plain and SSE) and
/// <c>hangar runners logs</c> while it boots; once it misses its boot timeout its last lines are in its history and in
/// <c>hangar runners list --failed</c>. The runner's environment (printed into its own log) holds no instance token.
/// </summary>
public sealed class BootLogsEndToEndTests : IAsyncDisposable
{
    private const string Image = "hangar/emulated-runner:native";
    private const string ReadToken = "hgr_read_bootlogs";
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("hangar-bootlogs-");
    private readonly string _controller = "bootlogs-" + Guid.NewGuid().ToString("N")[..8];
    private WebApplication? _app;

    [Fact]
    public async Task RunnerThatNeverComesOnline_ItsBootLogIsVisibleThroughApiAndCli_AndKeptOnBootTimeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cts.Token;
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Token = "ghp_boot", WebhookSecret = "boot-secret" }, ct);
        _app = HangarHost.Create(Config(emulator.ApiUrl), new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["github-token"] = "ghp_boot", ["github-webhook-secret"] = "boot-secret", ["api-read"] = ReadToken },
        });
        await _app.StartAsync(ct);
        var server = HangarHost.ListeningUrls(_app)[0];
        using var http = new HttpClient { BaseAddress = new Uri(server), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ReadToken);

        // The first runner the pool makes (min_idle: 1), and its lines through the API.
        string? runner = null;
        JsonElement[] lines = [];
        await Poll.UntilAsync(async () =>
        {
            using var list = JsonDocument.Parse(await http.GetStringAsync("api/v1/runners?all=true", ct));
            runner = list.RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()).LastOrDefault();
            if (runner is null)
            {
                return false;
            }

            var log = await http.GetFromJsonAsync<JsonElement>($"api/v1/runners/{runner}/logs", ct);
            lines = [.. log.GetProperty("lines").EnumerateArray()];
            return lines.Any(l => l.GetProperty("line").GetString() == "runner: cannot reach the forge");
        }, TimeSpan.FromSeconds(60), "the runner's boot log through the API", ct);
        var first = runner!;
        lines.ShouldContain(l => l.GetProperty("line").GetString() == "runner: booting" && l.GetProperty("stream").GetString() == "stdout");
        lines.ShouldContain(l => l.GetProperty("line").GetString() == "runner: cannot reach the forge" && l.GetProperty("stream").GetString() == "stderr");
        lines.ShouldContain(l => l.GetProperty("line").GetString() == "env: HANGAR_AGENT_ADDRESS set");
        lines.ShouldNotContain(l => l.GetProperty("line").GetString()!.Contains("HANGAR_INSTANCE_TOKEN", StringComparison.Ordinal));

        // The CLI shows the same lines, each on the stream it came from.
        var cli = await HangarCli.RunAsync(CliTimeout, "runners", "logs", first, "--server", server, "--token", ReadToken);
        cli.ExitCode.ShouldBe(0, cli.Stderr);
        cli.Stdout.ShouldContain("runner: booting");
        cli.Stderr.ShouldContain("runner: cannot reach the forge");

        // Following: every line, then the end once the boot timeout removed the runner.
        var followed = await HangarCli.RunAsync(TimeSpan.FromSeconds(90), "runners", "logs", first, "-f", "--server", server, "--token", ReadToken);
        followed.ExitCode.ShouldBe(0, followed.Stderr);
        followed.Stdout.ShouldContain("runner: booting");
        followed.Stderr.ShouldContain("runner: cannot reach the forge");

        // Kept: in its history and in `runners list --failed`.
        using (var detail = JsonDocument.Parse(await http.GetStringAsync($"api/v1/runners/{first}", ct)))
        {
            detail.RootElement.GetProperty("state").GetString().ShouldBe("deleted");
            detail.RootElement.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("reason").GetString())
                .ShouldContain(r => r!.Contains("missed its boot timeout", StringComparison.Ordinal) && r.Contains("err runner: cannot reach the forge", StringComparison.Ordinal));
        }

        var failed = await HangarCli.RunAsync(CliTimeout, "runners", "list", "--failed", "--server", server, "--token", ReadToken, "-o", "json");
        failed.ExitCode.ShouldBe(0, failed.Stderr);
        using var failedList = JsonDocument.Parse(failed.Stdout);
        var entry = failedList.RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == first);
        entry.GetProperty("last_error").GetString()!.ShouldContain("runner: cannot reach the forge");
    }

    [Fact]
    public async Task Logs_UnknownRunner_CliSaysSoAndFails()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var fixture = await ServerFixture.StartAsync();

        var result = await HangarCli.RunAsync(CliTimeout, "runners", "logs", "no-such-runner", "--server", fixture.BaseUrl.ToString(), "--token", ServerFixture.ApiToken);

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("404");
        result.Stderr.ShouldContain("no runner named 'no-such-runner'");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            var docker = _app.Services.GetServices<IProvider>().Single();
            await _app.StopAsync(CancellationToken.None);
            foreach (var machine in await docker.ListAsync(cancellationToken: CancellationToken.None))
            {
                await docker.DeleteAsync(machine.Name, CancellationToken.None);
            }

            await _app.DisposeAsync();
        }

        _dataDir.Delete(recursive: true);
    }

    private HangarConfig Config(Uri apiUrl) => new()
    {
        Server = new ServerConfig
        {
            DataDir = _dataDir.FullName,
            ApiTokens = [new ApiTokenConfig(new SecretRef("api-read"), ApiScope.Read)],
            Agent = new AgentEndpointConfig { Listen = new Uri("http://127.0.0.1:0") },
        },
        Forges = new Dictionary<string, ForgeConfig>
        {
            ["github"] = new()
            {
                GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = apiUrl.ToString() },
                Token = new SecretRef("github-token"),
                WebhookSecret = new SecretRef("github-webhook-secret"),
            },
        },
        Providers = new Dictionary<string, ProviderConfig>
        {
            ["docker"] = new() { Docker = new DockerProviderOptions { Name = "docker", StopGrace = TimeSpan.FromSeconds(1) } },
        },
        Engine = new EngineOptions
        {
            ControllerId = _controller,
            ConvergeInterval = TimeSpan.FromMilliseconds(500),
            ObserveInterval = TimeSpan.FromMilliseconds(500),
            Pools =
            [
                new PoolSpec
                {
                    Name = "boot",
                    Forge = "github",
                    Target = ForgeTarget.Repository("hangar-boot/app"),
                    Labels = ["linux"],
                    Provider = "docker",
                    Image = Image,
                    Agent = "/opt/runner/hangar-agent",
                    // A runner that never comes online: it says so, shows what of Hangar's reached its environment, and waits.
                    Command =
                    [
                        "/bin/sh", "-c",
                        "echo 'runner: booting'; echo 'runner: cannot reach the forge' >&2; "
                        + "env | cut -d= -f1 | grep HANGAR_ | sed 's/^/env: /; s/$/ set/'; exec sleep 600",
                    ],
                    NetworkMode = "host",
                    MinIdle = 1,
                    MaxRunners = 1,
                    BootTimeout = TimeSpan.FromSeconds(15),
                },
            ],
        },
    };
}
