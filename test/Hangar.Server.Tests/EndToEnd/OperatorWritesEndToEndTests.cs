using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hangar.Configuration;
using Hangar.Core.Access;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Providers.Process;
using Hangar.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// The admin writes carried out by the engine, end to end: the real server, the process provider, the native emulated
/// runner and the GitHub emulator. A busy runner's removal waits for its job; a forced one kills it now and marks the job
/// killed by the operator; a pool's <c>min_idle</c> override makes a runner with no job and a reset retires it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OperatorWritesEndToEndTests : IAsyncLifetime
{
    private const string Repository = "hangar-ops/app";
    private const string Token = "ghp_ops";
    private const string WebhookSecret = "ops-secret";
    private const string AdminToken = "ops-admin-token";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("hangar-ops-data-");
    private EmulatorHost _emulator = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IStore Store => _app.Services.GetRequiredService<IStore>();

    public async ValueTask InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Token = Token, WebhookSecret = WebhookSecret, DefaultJobDuration = TimeSpan.FromMilliseconds(200) }, Ct);
        _app = HangarHost.Create(Config(_emulator.ApiUrl), new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["github-token"] = Token, ["github-webhook-secret"] = WebhookSecret, ["admin"] = AdminToken },
        });
        await _app.StartAsync(Ct);
        var url = HangarHost.ListeningUrls(_app)[0];
        _emulator.SetWebhook(new Uri($"{url}/webhooks/github"), WebhookSecret);
        _http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await _emulator.DisposeAsync();
        _dataDir.Delete(recursive: true);
    }

    [Fact]
    public async Task DeleteRunner_Busy_TakesEffectOnlyAfterItsJobEndsAndNothingIsKilled()
    {
        var (job, runner) = await BusyRunnerAsync(TimeSpan.FromSeconds(6));

        using var response = await _http.DeleteAsync($"/api/v1/runners/{runner}", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToString());
        body.GetProperty("outcome").GetString().ShouldBe("after_job");

        await Poll.UntilAsync(async () => (await Store.GetInstanceAsync(runner, Ct))!.State == InstanceState.Deleted, Patience, "the runner to be gone", Ct);

        var served = _emulator.State.GetJob(job)!;
        served.Status.ShouldBe(EmulatedJobStatus.Completed);
        served.Conclusion.ShouldBe("success");
        (await Store.GetJobAsync(new JobKey("github", job), Ct))!.KilledAt.ShouldBeNull();
        var history = (await Store.GetHistoryAsync(runner, 50, Ct)).Reverse().ToList();
        history.ShouldContain(t => t.Reason.Contains("removal requested by config:admin"));
        // It left busy because its job ended, not because of the request: the request changed nothing while it ran.
        var leftBusy = history.Single(t => t.From == InstanceState.Busy && t.To != InstanceState.Busy);
        leftBusy.To.ShouldBe(InstanceState.Draining);
        leftBusy.Reason.ShouldBe($"job {job} completed");
        history.ShouldNotContain(t => t.Reason.Contains("killed"));
    }

    [Fact]
    public async Task DeleteRunner_Forced_KilledNowAsAHardCapAndTheJobMarkedKilledByTheOperator()
    {
        var (job, runner) = await BusyRunnerAsync(TimeSpan.FromMinutes(5));

        using var response = await _http.DeleteAsync($"/api/v1/runners/{runner}?force=true", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToString());
        body.GetProperty("outcome").GetString().ShouldBe("killed");

        await Poll.UntilAsync(async () => (await Store.GetInstanceAsync(runner, Ct))!.State == InstanceState.Deleted, Patience, "the runner to be killed", Ct);

        _emulator.State.GetJob(job)!.Status.ShouldNotBe(EmulatedJobStatus.Completed, "the job would have run for minutes");
        var stored = (await Store.GetJobAsync(new JobKey("github", job), Ct))!;
        stored.KilledAt.ShouldNotBeNull();
        stored.KilledReason!.ShouldContain("killed by operator config:admin");
        var history = await Store.GetHistoryAsync(runner, 50, Ct);
        history.ShouldContain(t => t.From == InstanceState.Busy && t.To == InstanceState.Draining && t.Reason.Contains("killed by operator config:admin"));
    }

    [Fact]
    public async Task ScalePool_MinIdleOverride_RunnerMadeWithoutAJobAndRetiredAfterReset()
    {
        using (var scale = await _http.PostAsJsonAsync("/api/v1/pools/linux/scale", new Dictionary<string, int> { ["min_idle"] = 1 }, Ct))
        {
            scale.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Poll.UntilAsync(async () => (await LiveAsync()).Any(i => i.State == InstanceState.Idle), Patience, "an idle runner for min_idle=1", Ct);
        var idle = (await LiveAsync()).Single();

        using (var reset = await _http.DeleteAsync("/api/v1/pools/linux/overrides", Ct))
        {
            reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Poll.UntilAsync(async () => (await LiveAsync()).Count == 0, Patience, "the idle runner to be retired", Ct);
        (await Store.GetHistoryAsync(idle.Name, 50, Ct)).ShouldContain(t => t.Reason == "idle surplus retired");
    }

    private Task<IReadOnlyList<Instance>> LiveAsync() => Store.ListInstancesAsync(InstanceQuery.Live, Ct);

    /// <summary>Queues a job that runs for <paramref name="duration"/> and waits until Hangar has its runner busy with it.</summary>
    private async Task<(long Job, string Runner)> BusyRunnerAsync(TimeSpan duration)
    {
        var job = _emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux"], Duration = duration }).Single().Id;
        string? runner = null;
        await Poll.UntilAsync(
            async () => (runner = _emulator.State.GetJob(job)!.RunnerName) is not null
                && (await Store.GetInstanceAsync(runner, Ct))?.State == InstanceState.Busy,
            Patience, "the job's runner to be busy", Ct);
        return (job, runner!);
    }

    private HangarConfig Config(Uri apiUrl) => new()
    {
        Server = new ServerConfig { DataDir = _dataDir.FullName, ApiTokens = [new ApiTokenConfig(new SecretRef("admin"), ApiScope.Admin)] },
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
            ["local"] = new() { Process = new ProcessProviderOptions { Name = "local", WorkDir = Path.Combine(_dataDir.FullName, "runners") } },
        },
        Engine = new EngineOptions
        {
            ControllerId = "ops-" + Guid.NewGuid().ToString("N")[..8],
            ConvergeInterval = TimeSpan.FromMilliseconds(500),
            ObserveInterval = TimeSpan.FromMilliseconds(500),
            Pools =
            [
                new PoolSpec
                {
                    Name = "linux",
                    Forge = "github",
                    Target = ForgeTarget.Repository(Repository),
                    Labels = ["linux"],
                    Provider = "local",
                    Command = [EmulatedRunnerBinary.Path, "--idle-timeout", "120"],
                    MaxRunners = 2,
                    IdleGrace = TimeSpan.FromSeconds(1),
                },
            ],
        },
    };
}
