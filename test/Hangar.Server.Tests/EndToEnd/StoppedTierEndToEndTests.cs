using Hangar.Cli.Demo;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Testing;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// <c>hangar serve</c> with <c>min_stopped: 1</c> on real Docker: a container is made and left stopped, with no
/// registration at the forge; a job then starts it on demand (its credential minted at that moment and written as a
/// file), the job is served by that very container, the tier is refilled, and nothing else is left behind.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoppedTierEndToEndTests(ITestOutputHelper output)
{
    private const string Token = "ghp_stopped_e2e_token";
    private const string Secret = "stopped-e2e-webhook-secret";
    private const string ApiToken = "stopped-e2e-api-token";

    [Fact]
    public async Task Serve_MinStopped_JobServedByTheStoppedContainerStartedOnDemandAndNothingLeaked()
    {
        await DockerImage.EnsureRunnerImageAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var dir = Directory.CreateTempSubdirectory("hangar-stopped-e2e-").FullName;
        var controllerId = "st-" + Guid.NewGuid().ToString("N")[..8];
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = Token,
            WebhookSecret = Secret,
            DefaultJobDuration = TimeSpan.FromSeconds(1),
        }, cts.Token);

        var port = LoopbackPort.Free();
        var configPath = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(configPath, Config(port, dir, controllerId, emulator.ApiUrl), cts.Token);
        var env = new Dictionary<string, string>
        {
            ["ST_E2E_GH_TOKEN"] = Token,
            ["ST_E2E_GH_SECRET"] = Secret,
            ["ST_E2E_API_TOKEN"] = ApiToken,
        };
        var log = Path.Combine(dir, "server.log");
        try
        {
            await using (var server = ServerProcess.Start(configPath, port, env, log))
            {
                await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
                emulator.SetWebhook(new Uri(server.Url, "webhooks/github"), Secret);

                // The tier fills: one container made, never started, and nothing registered at the forge for it. Hangar
                // must say it is stopped, not only Docker: a job arriving while it is still being made gets a cold create.
                string? standby = null;
                await Poll.UntilAsync(
                    async () => (standby = await Probes.ContainersAsync(controllerId) is [(var one, "created")]
                        && await Probes.StoppedRunnerAsync(server.Url, ApiToken) == one ? one : null) is not null,
                    TimeSpan.FromMinutes(1), "a stopped container", cts.Token, Probes.LookInterval);
                emulator.State.Runners.ShouldBeEmpty();

                emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux"], Count = 1 });
                await Poll.UntilAsync(
                    () => Task.FromResult(emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)),
                    TimeSpan.FromMinutes(2), "the job completed", cts.Token, Probes.LookInterval);

                // Served by the container that stood by, started on demand; not by a cold create.
                var job = emulator.State.Jobs.ShouldHaveSingleItem();
                job.RunnerName.ShouldBe(standby);

                // Its container goes after the job; a new one stands by in its place, and it alone is left.
                await Poll.UntilAsync(
                    async () => await Probes.ContainersAsync(controllerId) is [(var one, "created")] && one != standby,
                    TimeSpan.FromMinutes(1), "the served container removed and the tier refilled", cts.Token, Probes.LookInterval);
                // One registration was ever made (at the start, not when the container was made), and it is removed.
                await Poll.UntilAsync(
                    () => Task.FromResult(emulator.State.Runners is [{ Removed: true } only] && only.Name == standby),
                    TimeSpan.FromSeconds(30), "the served runner's registration removed", cts.Token, Probes.LookInterval);
                // The served instance's row is deleted just after its container: wait for it rather than race it.
                await Poll.UntilAsync(
                    async () => await Probes.LiveRunnersAsync(server.Url, ApiToken) == 1,
                    TimeSpan.FromSeconds(30), "only the stand-by runner live", cts.Token, Probes.LookInterval);
                await server.KillAsync();
            }
        }
        finally
        {
            output.WriteLine(File.Exists(log) ? await File.ReadAllTextAsync(log, CancellationToken.None) : "(no server log)");
            await Probes.RemoveContainersAsync(controllerId);
        }

        var text = await File.ReadAllTextAsync(log, cts.Token);
        text.ShouldContain("instance prepared and kept stopped");
        text.ShouldContain("stopped instance started for a job");
    }

    private static string Config(int port, string dir, string controllerId, Uri apiUrl) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {dir}/data
          controller_id: {controllerId}
          api_tokens:
            - name: api
              env: ST_E2E_API_TOKEN
          converge_interval: 2s
          observe_interval: 1s
        forges:
          github:
            type: github
            api_url: {apiUrl}
            token:
              env: ST_E2E_GH_TOKEN
            webhook_secret:
              env: ST_E2E_GH_SECRET
        providers:
          docker:
            type: docker
        pools:
          linux:
            forge: github
            repository: {DemoScenario.Repository}
            labels: [linux]
            provider: docker
            image: {DemoProviders.RunnerImage}
            network_mode: host
            max_runners: 3
            min_stopped: 1
            idle_grace: 2s
        """;
}
