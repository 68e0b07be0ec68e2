using Hangar.Configuration;
using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Engine;
using Hangar.Server.Dashboard;
using Hangar.Server.Tests.EndToEnd;
using Hangar.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.Reload;

/// <summary>
/// The configuration file changed under a running server (the real host, the process provider, the native emulated runner
/// and the GitHub emulator): a new pool serves a job without a restart; a bad file leaves the last good configuration
/// running and is reported (log, metric, dashboard banner); a removed pool's busy runner finishes its job first.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConfigReloadEndToEndTests : IAsyncLifetime
{
    private const string Repository = "hangar-reload/app";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hangar-reload-");
    private readonly RecordingLoggerProvider _logs = new();
    private EmulatorHost _emulator = null!;
    private WebApplication _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConfigPath => Path.Combine(_dir.FullName, "hangar.yaml");

    private IStore Store => _app.Services.GetRequiredService<IStore>();

    public async ValueTask InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Token = "ghp_reload", WebhookSecret = "reload-secret", DefaultJobDuration = TimeSpan.FromMilliseconds(200) }, Ct);
        await File.WriteAllTextAsync(ConfigPath, Yaml(Pool("linux")), Ct);
        var loaded = ConfigLoader.Load(ConfigPath);
        loaded.IsValid.ShouldBeTrue(string.Join("; ", loaded.Errors));
        _app = HangarHost.Create(loaded.Config!, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Information,
            ConfigPath = ConfigPath,
            SecretOverrides = new Dictionary<string, string> { ["gh-token"] = "ghp_reload", ["gh-secret"] = "reload-secret" },
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_logs),
        });
        await _app.StartAsync(Ct);
        _emulator.SetWebhook(new Uri($"{HangarHost.ListeningUrls(_app)[0]}/webhooks/github"), "reload-secret");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await _emulator.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task FileChanged_NewPool_ServesAJobWithoutRestart()
    {
        await File.WriteAllTextAsync(ConfigPath, Yaml(Pool("linux") + Pool("gpu")), Ct);
        await Poll.UntilAsync(() => Task.FromResult(Catalog.Find("gpu") is not null), Patience, "the new pool to be running", Ct);

        var job = _emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "gpu"] }).Single().Id;

        await Poll.UntilAsync(() => Task.FromResult(_emulator.State.GetJob(job)!.Status == EmulatedJobStatus.Completed), Patience, "the gpu job to be served", Ct);
        _emulator.State.GetJob(job)!.RunnerName!.ShouldStartWith("hgr-gpu-");
        _logs.Entries.ShouldContain(e => e.EventId.Name == "ConfigReloadApplied" && e.Message.Contains("added=gpu"));
    }

    [Fact]
    public async Task FileChanged_Invalid_OldConfigurationKeepsRunningAndItIsReported()
    {
        await File.WriteAllTextAsync(ConfigPath, Yaml(Pool("linux") + "  broken:\n    forge: github\n    max_runnerz: 3\n"), Ct);

        await Poll.UntilAsync(
            () => Task.FromResult(_logs.Entries.Any(e => e.EventId.Name == "ConfigReloadRejected")), Patience, "the reload to be rejected", Ct);
        _logs.Entries.ShouldContain(e => e.EventId.Name == "ConfigReloadRejected" && e.Message.Contains("max_runnerz"));
        var metrics = await ScrapeAsync();
        metrics.ShouldMatch("hangar_config_reload_failing(\\{[^}]*\\})? 1");
        metrics.ShouldMatch("hangar_config_reload_total\\{[^}]*result=\"rejected\"[^}]*\\} [1-9]");
        _app.Services.GetRequiredService<DashboardWarnings>().Current.ShouldHaveSingleItem().ShouldContain("the last good configuration keeps running");
        Catalog.All.Select(p => p.Name).ShouldBe(["linux"]);

        // Still serving from the last good configuration.
        var job = _emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux"] }).Single().Id;
        await Poll.UntilAsync(() => Task.FromResult(_emulator.State.GetJob(job)!.Status == EmulatedJobStatus.Completed), Patience, "the linux job to be served", Ct);

        // A fixed file clears the banner.
        await File.WriteAllTextAsync(ConfigPath, Yaml(Pool("linux", maxRunners: 3)), Ct);
        await Poll.UntilAsync(
            () => Task.FromResult(_app.Services.GetRequiredService<DashboardWarnings>().Current.Count == 0), Patience, "the fixed file to clear the banner", Ct);
        Catalog.Find("linux")!.MaxRunners.ShouldBe(3);
        (await ScrapeAsync()).ShouldMatch("hangar_config_reload_failing(\\{[^}]*\\})? 0");
    }

    private async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(HangarHost.ListeningUrls(_app)[0]), Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync("/metrics", Ct);
    }

    [Fact]
    public async Task FileChanged_PoolWithABusyRunnerRemoved_RunnerFinishesItsJobThenGoes()
    {
        var job = _emulator.QueueJobs(new JobRequest { Repository = Repository, Labels = ["self-hosted", "linux"], Duration = TimeSpan.FromSeconds(5) }).Single().Id;
        string? runner = null;
        await Poll.UntilAsync(
            async () => (runner = _emulator.State.GetJob(job)!.RunnerName) is not null && (await Store.GetInstanceAsync(runner, Ct))?.State == InstanceState.Busy,
            Patience, "the runner to be busy", Ct);

        await File.WriteAllTextAsync(ConfigPath, Yaml(Pool("gpu")), Ct);
        await Poll.UntilAsync(() => Task.FromResult(Catalog.Find("linux") is null), Patience, "the pool to be removed", Ct);

        await Poll.UntilAsync(async () => (await Store.GetInstanceAsync(runner!, Ct))!.State == InstanceState.Deleted, Patience, "the runner to go", Ct);
        _emulator.State.GetJob(job)!.Conclusion.ShouldBe("success");
        var leftBusy = (await Store.GetHistoryAsync(runner!, 50, Ct)).Single(t => t.From == InstanceState.Busy && t.To != InstanceState.Busy);
        leftBusy.Reason.ShouldBe($"job {job} completed");
    }

    private PoolCatalog Catalog => _app.Services.GetRequiredService<PoolCatalog>();

    private static string Pool(string name, int maxRunners = 2) => $"""
          {name}:
            forge: github
            repository: {Repository}
            labels: [{name}]
            provider: local
            command: [{EmulatedRunnerBinary.Path}, --idle-timeout, "120"]
            max_runners: {maxRunners}
            idle_grace: 1s

        """;

    private string Yaml(string pools) => $"""
        server:
          data_dir: {_dir.FullName}/data
          converge_interval: 500ms
          observe_interval: 500ms
        forges:
          github:
            type: github
            api_url: {_emulator.ApiUrl}
            token:
              env: RELOAD_UNUSED_TOKEN
              name: gh-token
            webhook_secret:
              env: RELOAD_UNUSED_SECRET
              name: gh-secret
        providers:
          local:
            type: process
            work_dir: {_dir.FullName}/runners
        pools:
        {pools}
        """;
}
