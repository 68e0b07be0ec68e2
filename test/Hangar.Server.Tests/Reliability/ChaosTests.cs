using System.Diagnostics;
using Hangar.Cli.Demo;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Server.Tests.EndToEnd;

namespace Hangar.Server.Tests.Reliability;

/// <summary>
/// A burst of 200 jobs on the real Docker engine while <c>hangar serve</c> (a real child process) is SIGKILLed five
/// times at seeded random moments and restarted on the same data directory. At the end every job completed, no job
/// had two runners, no container with our controller label remains and the emulator holds no registration of ours.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const string Token = "ghp_chaos_test_token";
    private const string Secret = "chaos-test-webhook-secret";
    private const string ApiToken = "chaos-test-api-token";
    private const int Jobs = 200;
    private const int Kills = 5;
    private const int Seed = 5;

    [Fact]
    public async Task Serve_KilledFiveTimesDuringTwoHundredJobs_EveryJobOnceNothingLeaked()
    {
        await DockerImage.EnsureRunnerImageAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var dir = Directory.CreateTempSubdirectory("hangar-chaos-").FullName;
        var controllerId = "chaos-" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(Seed);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = Token,
            WebhookSecret = Secret,
            DefaultJobDuration = TimeSpan.FromSeconds(1),
            // Deliveries that fail while the server is down are redelivered a few times, then given up (as on GitHub,
            // where nobody redelivers): the stale-jobs sweep finds those jobs.
            MaxDeliveryAttempts = 3,
        }, cts.Token);

        var port = LoopbackPort.Free();
        var configPath = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(configPath, Config(port, dir, controllerId, emulator.ApiUrl), cts.Token);
        var env = new Dictionary<string, string> { ["CHAOS_GH_TOKEN"] = Token, ["CHAOS_GH_SECRET"] = Secret, ["CHAOS_API_TOKEN"] = ApiToken };
        var log = Path.Combine(dir, "server.log");
        var clock = Stopwatch.StartNew();

        var server = ServerProcess.Start(configPath, port, env, log);
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            emulator.SetWebhook(new Uri(server.Url, "webhooks/github"), Secret);
            emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux", "small"], Count = Jobs / 2 });
            emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux", "large"], Count = Jobs / 2 });

            for (var kill = 1; kill <= Kills; kill++)
            {
                // Random moments, but while work is under way: never after everything is done.
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2_000, 12_000)), cts.Token);
                await server.KillAsync();
                var done = emulator.State.Jobs.Count(j => j.Status == EmulatedJobStatus.Completed);
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s kill {kill}: {done}/{Jobs} jobs completed, {await Probes.CountContainersAsync(controllerId)} containers");
                await server.DisposeAsync();
                server = ServerProcess.Start(configPath, port, env, log);
                await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            }

            await Poll.UntilAsync(
                async () => emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)
                    && await Probes.CountContainersAsync(controllerId) == 0
                    && await Probes.LiveRunnersAsync(server.Url, ApiToken) == 0
                    && emulator.State.Runners.All(r => r.Removed),
                TimeSpan.FromMinutes(6),
                "every job completed and everything cleaned up", cts.Token, Probes.LookInterval);
        }
        finally
        {
            await server.DisposeAsync();
        }

        var jobs = emulator.State.Jobs;
        var runners = emulator.State.Runners;
        output.WriteLine(
            $"figures: jobs {jobs.Count}, kills {Kills}, completed {jobs.Count(j => j.Status == EmulatedJobStatus.Completed)}, " +
            $"registrations {runners.Count}, jobs with two runners {jobs.Count(j => runners.Count(r => r.JobId == j.Id) > 1)}, " +
            $"deliveries given up {emulator.State.Deliveries.Count(d => d.GivenUp)}, converged in {clock.Elapsed.TotalSeconds:0.0}s");
        jobs.Count.ShouldBe(Jobs);
        jobs.ShouldAllBe(j => j.Status == EmulatedJobStatus.Completed && j.RunnerId != null);
        jobs.ShouldAllBe(j => runners.Count(r => r.JobId == j.Id) == 1);
        jobs.GroupBy(j => j.RunnerId).ShouldAllBe(g => g.Count() == 1);
        foreach (var job in jobs)
        {
            job.RunnerName.ShouldStartWith(job.Labels.Contains("small") ? "hgr-small-" : "hgr-large-");
        }

        (await Probes.CountContainersAsync(controllerId)).ShouldBe(0);
        runners.ShouldAllBe(r => r.Removed);
    }

    private static string Config(int port, string dir, string controllerId, Uri apiUrl) => $$"""
        server:
          listen: http://127.0.0.1:{{port}}
          data_dir: {{dir}}/data
          controller_id: {{controllerId}}
          api_tokens:
            - name: api
              env: CHAOS_API_TOKEN
          loops:
            converge: {interval: 1s}
            runner_status: {interval: 1s}
            reaper: {interval: 2s}
            store_ghosts: {interval: 1s}
            provider_orphans: {interval: 2s}
            forge_orphans: {interval: 2s, grace: 5s}
            stale_jobs: {interval: 2s, after: 10s}
            create_retry: {interval: 1s, delay: 1s, max_delay: 5s, breaker_delay: 1s, breaker_max_delay: 5s}
        forges:
          github:
            type: github
            api_url: {{apiUrl}}
            token:
              env: CHAOS_GH_TOKEN
            webhook_secret:
              env: CHAOS_GH_SECRET
        providers:
          docker:
            type: docker
            max_concurrency: 4
        pools:
          small:
            forge: github
            repository: {{DemoScenario.Repository}}
            labels: [linux, small]
            provider: docker
            image: {{DemoProviders.RunnerImage}}
            network_mode: host
            max_runners: 8
            boot_timeout: 1m
            idle_grace: 5s
          large:
            forge: github
            repository: {{DemoScenario.Repository}}
            labels: [linux, large]
            provider: docker
            image: {{DemoProviders.RunnerImage}}
            network_mode: host
            max_runners: 8
            boot_timeout: 1m
            idle_grace: 5s
        """;
}
