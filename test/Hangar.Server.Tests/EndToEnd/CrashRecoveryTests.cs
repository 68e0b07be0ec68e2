using Hangar.Cli.Demo;
using Hangar.Emulator;
using Hangar.Emulator.State;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// The server is SIGKILLed while it is creating runners on the real Docker engine, then started again on the same data
/// directory. It must finish the work with one runner per job, no leaked container and no leaked forge registration.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const string Token = "ghp_crash_test_token";
    private const string Secret = "crash-test-webhook-secret";
    private const string ApiToken = "crash-test-api-token";

    [Fact]
    public async Task Serve_KilledWhileCreatingRunners_RestartConvergesWithoutDuplicatesOrLeaks()
    {
        await DockerImage.EnsureRunnerImageAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var dir = Directory.CreateTempSubdirectory("hangar-crash-").FullName;
        var controllerId = "crash-" + Guid.NewGuid().ToString("N")[..8];
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = Token,
            WebhookSecret = Secret,
            DefaultJobDuration = TimeSpan.FromSeconds(2),
        }, cts.Token);

        var port = LoopbackPort.Free();
        var configPath = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(configPath, Config(port, dir, controllerId, emulator.ApiUrl), cts.Token);
        var env = new Dictionary<string, string> { ["CRASH_GH_TOKEN"] = Token, ["CRASH_GH_SECRET"] = Secret, ["CRASH_API_TOKEN"] = ApiToken };
        var log = Path.Combine(dir, "server.log");

        await using (var first = ServerProcess.Start(configPath, port, env, log))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
            emulator.SetWebhook(new Uri(first.Url, "webhooks/github"), Secret);
            emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux", "small"], Count = 10 });
            emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux", "large"], Count = 10 });

            // Kill once machines are appearing and most jobs are still waiting: creates are in flight.
            await Poll.UntilAsync(async () => await Probes.CountContainersAsync(controllerId) >= 3, TimeSpan.FromSeconds(90), "containers to appear", cts.Token, Probes.LookInterval);
            await first.KillAsync();
            output.WriteLine($"killed with {await Probes.CountContainersAsync(controllerId)} containers, {emulator.State.Jobs.Count(j => j.Status == EmulatedJobStatus.Completed)} jobs completed");
        }

        await using var second = ServerProcess.Start(configPath, port, env, log);
        await second.WaitReadyAsync(TimeSpan.FromSeconds(60));

        await Poll.UntilAsync(
            async () => emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)
                && await Probes.CountContainersAsync(controllerId) == 0
                && await Probes.LiveRunnersAsync(second.Url, ApiToken) == 0
                && emulator.State.Runners.All(r => r.Removed),
            TimeSpan.FromMinutes(4),
            "every job completed and everything cleaned up", cts.Token, Probes.LookInterval);

        var jobs = emulator.State.Jobs;
        jobs.Count.ShouldBe(20);
        jobs.ShouldAllBe(j => j.RunnerId != null);
        jobs.GroupBy(j => j.RunnerId).ShouldAllBe(g => g.Count() == 1);
        foreach (var job in jobs)
        {
            var pool = job.Labels.Contains("small") ? "small" : "large";
            job.RunnerName.ShouldStartWith($"hgr-{pool}-");
        }

        output.WriteLine($"registrations made: {emulator.State.Runners.Count} for 20 jobs");
    }

    private static string Config(int port, string dir, string controllerId, Uri apiUrl) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {dir}/data
          controller_id: {controllerId}
          api_tokens:
            - name: api
              env: CRASH_API_TOKEN
          converge_interval: 2s
          observe_interval: 1s
        forges:
          github:
            type: github
            api_url: {apiUrl}
            token:
              env: CRASH_GH_TOKEN
            webhook_secret:
              env: CRASH_GH_SECRET
        providers:
          docker:
            type: docker
            max_concurrency: 2
        pools:
          small:
            forge: github
            repository: {DemoScenario.Repository}
            labels: [linux, small]
            provider: docker
            image: {DemoProviders.RunnerImage}
            network_mode: host
            max_runners: 10
            idle_grace: 5s
          large:
            forge: github
            repository: {DemoScenario.Repository}
            labels: [linux, large]
            provider: docker
            image: {DemoProviders.RunnerImage}
            network_mode: host
            max_runners: 10
            idle_grace: 5s
        """;
}
