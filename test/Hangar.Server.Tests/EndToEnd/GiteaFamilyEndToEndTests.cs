using Hangar.Cli.Demo;
using Hangar.Emulator.Faults;
using Hangar.Emulator.Gitea;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// The real server process against an emulated Gitea 1.25 (webhooks, 10 % of them dropped), Forgejo 15 (polling, REST
/// ephemeral registration, the server SIGKILLed mid-burst) and Forgejo 11 (polling, registration token), with runners
/// on the real Docker engine: 20 jobs over two pools each served by exactly one runner of the right pool, a re-run of a
/// completed job served as a new job, every machine gone and every registration gone where the forge can remove one.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GiteaFamilyEndToEndTests(ITestOutputHelper output)
{
    private const string Token = "gitea-e2e-token";
    private const string Secret = "gitea-e2e-webhook-secret";
    private const string ApiToken = "gitea-e2e-api-token";
    private const string Repository = "acme/app";
    private const int JobsPerPool = 10;

    /// <summary>The runner image; <c>HANGAR_E2E_RUNNER_IMAGE</c> points a local run at an image built from this tree.</summary>
    private static string RunnerImage => Environment.GetEnvironmentVariable("HANGAR_E2E_RUNNER_IMAGE") ?? DemoProviders.RunnerImage;

    [Fact]
    public async Task Gitea_TenPercentOfWebhooksDropped_EveryJobServedAndRerunServed()
    {
        await using var run = await StartAsync(GiteaFlavor.Gitea, new EmulatorFaults { WebhookDropRate = 0.1, Seed = 7 });

        await run.ServeBurstAndRerunAsync(kill: false);

        run.Emulator.State.Runners().ShouldBeEmpty("Gitea removes ephemeral runners after their job; Hangar removes the rest");
    }

    [Fact]
    public async Task Forgejo15_ServerKilledMidBurst_NothingLostDuplicatedOrLeaked()
    {
        await using var run = await StartAsync(GiteaFlavor.Forgejo15, EmulatorFaults.None);

        await run.ServeBurstAndRerunAsync(kill: true);

        run.Emulator.State.Runners().ShouldBeEmpty("Forgejo 15 removes ephemeral runners after their job; Hangar removes the rest over REST");
    }

    [Fact]
    public async Task Forgejo11_RegistrationToken_EveryJobServedAndLeftoverRowsReported()
    {
        await using var run = await StartAsync(GiteaFlavor.Forgejo11, EmulatorFaults.None);

        await run.ServeBurstAndRerunAsync(kill: false);

        // Forgejo 11 has no API to remove a runner: the rows stay, and Hangar says so for each.
        var leftover = run.Emulator.State.Runners();
        leftover.ShouldNotBeEmpty();
        output.WriteLine($"Forgejo 11 runner rows left: {leftover.Count}");
        await Poll.UntilAsync(() => Task.FromResult(File.ReadAllText(run.Log).Contains("runner row left behind", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the left-behind report", TestContext.Current.CancellationToken, Probes.LookInterval);
    }

    private async Task<Run> StartAsync(GiteaFlavor flavor, EmulatorFaults faults)
    {
        await DockerImage.EnsureRunnerImageAsync(RunnerImage);
        var emulator = await GiteaEmulatorHost.StartAsync(new GiteaEmulatorOptions
        {
            Flavor = flavor,
            Token = Token,
            WebhookSecret = Secret,
            DefaultJobDuration = TimeSpan.FromMilliseconds(300),
            Faults = faults,
        }, null, TestContext.Current.CancellationToken);
        var dir = Directory.CreateTempSubdirectory("hangar-gitea-e2e-").FullName;
        var controllerId = "gt-" + Guid.NewGuid().ToString("N")[..8];
        var port = LoopbackPort.Free();
        var configPath = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(configPath, Config(flavor, port, dir, controllerId, emulator.BaseUrl));
        emulator.State.WebhookUrl = new Uri($"http://127.0.0.1:{port}/webhooks/code");
        return new Run(emulator, configPath, port, controllerId, Path.Combine(dir, "server.log"), output);
    }

    private static string Config(GiteaFlavor flavor, int port, string dir, string controllerId, Uri baseUrl)
    {
        var forge = flavor == GiteaFlavor.Gitea
            ? $"type: gitea\n    base_url: {baseUrl}\n    webhook_secret: {{env: E2E_SECRET}}"
            : $"type: forgejo\n    base_url: {baseUrl}\n    poll_interval: 1s";
        var pools = string.Join('\n', new[] { "small", "large" }.Select(pool => $"""
              {pool}:
                forge: code
                repository: {Repository}
                labels: [linux, {pool}]
                provider: docker
                image: {RunnerImage}
                network_mode: host
                max_runners: 10
                idle_grace: 5s
            """));
        return $"""
            server:
              listen: http://127.0.0.1:{port}
              data_dir: {dir}/data
              controller_id: {controllerId}
              api_tokens:
                - name: api
                  env: E2E_API_TOKEN
              converge_interval: 2s
              observe_interval: 1s
              loops:
                stale_jobs: {"{"}interval: 2s, after: 5s{"}"}
            forges:
              code:
                {forge}
                token: {"{"}env: E2E_TOKEN{"}"}
            providers:
              docker:
                type: docker
                max_concurrency: 4
            pools:
            {pools}
            """;
    }

    private sealed class Run(GiteaEmulatorHost emulator, string configPath, int port, string controllerId, string log, ITestOutputHelper output) : IAsyncDisposable
    {
        private static readonly Dictionary<string, string> Env = new() { ["E2E_TOKEN"] = Token, ["E2E_SECRET"] = Secret, ["E2E_API_TOKEN"] = ApiToken };

        private ServerProcess? _server;

        public GiteaEmulatorHost Emulator => emulator;

        public string Log => log;

        public async Task ServeBurstAndRerunAsync(bool kill)
        {
            var ct = TestContext.Current.CancellationToken;
            _server = ServerProcess.Start(configPath, port, Env, log);
            await _server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            emulator.State.QueueJobs(Repository, ["linux", "small"], JobsPerPool);
            emulator.State.QueueJobs(Repository, ["linux", "large"], JobsPerPool);
            if (kill)
            {
                await Poll.UntilAsync(async () => await Probes.CountContainersAsync(controllerId) >= 3, TimeSpan.FromSeconds(90), "containers to appear", ct, Probes.LookInterval);
                await _server.KillAsync();
                await _server.DisposeAsync();
                output.WriteLine($"killed with {emulator.State.Jobs().Count(j => j.State == GiteaJobState.Success)} jobs done");
                _server = ServerProcess.Start(configPath, port, Env, log);
                await _server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            }

            await AllServedAndCleanAsync(2 * JobsPerPool);
            var jobs = emulator.State.Jobs();
            jobs.GroupBy(j => j.RunnerId).ShouldAllBe(g => g.Count() == 1, "one runner per job");
            foreach (var job in jobs)
            {
                job.RunnerName.ShouldNotBeNull().ShouldStartWith($"hgr-{(job.Labels.Contains("small") ? "small" : "large")}-");
            }

            var first = jobs[0];
            emulator.State.Rerun(first.Id);
            await AllServedAndCleanAsync(2 * JobsPerPool);
            var rerun = emulator.State.Jobs().Single(j => j.Id == first.Id);
            rerun.RunnerId.ShouldNotBe(first.RunnerId, "the re-run is a new job to Hangar, served by a new runner");
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            await emulator.DisposeAsync();
        }

        private async Task AllServedAndCleanAsync(int count) => await Poll.UntilAsync(
            async () => emulator.State.Jobs() is var jobs && jobs.Count == count && jobs.All(j => j.State == GiteaJobState.Success)
                && await Probes.CountContainersAsync(controllerId) == 0
                && await Probes.LiveRunnersAsync(_server!.Url, ApiToken) == 0,
            TimeSpan.FromMinutes(3),
            "every job served and every machine gone",
            TestContext.Current.CancellationToken,
            Probes.LookInterval);
    }
}
