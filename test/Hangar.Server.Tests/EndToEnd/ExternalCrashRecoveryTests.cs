using Hangar.Cli.Demo;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Testing.Providers;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// The server is SIGKILLed while a GARM external provider is creating machines (provider processes mid-run, machines
/// that have not fetched their credential yet), then started again on the same data directory. Every job must still be
/// served by one runner, and nothing may be left: no container, no registration, no live instance.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExternalCrashRecoveryTests(ITestOutputHelper output)
{
    private const string Token = "ghp_external_crash_token";
    private const string Secret = "external-crash-webhook-secret";
    private const string ApiToken = "external-crash-api-token";
    private const string GarmLabel = "garm-controller-id";

    [Fact]
    public async Task Serve_KilledWhileTheGarmProviderCreates_RestartConvergesWithoutLeaks()
    {
        await DockerImage.EnsureRunnerImageAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var dir = Directory.CreateTempSubdirectory("hangar-external-crash-").FullName;
        var controllerId = "xcrash-" + Guid.NewGuid().ToString("N")[..8];
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = Token,
            WebhookSecret = Secret,
            DefaultJobDuration = TimeSpan.FromSeconds(2),
        }, cts.Token);

        var port = LoopbackPort.Free();
        var providerConfig = Path.Combine(dir, "garm-provider.json");
        await File.WriteAllTextAsync(providerConfig, "{}", cts.Token);
        var configPath = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(configPath, Config(port, dir, controllerId, emulator.ApiUrl, providerConfig), cts.Token);
        var env = new Dictionary<string, string> { ["XCRASH_GH_TOKEN"] = Token, ["XCRASH_GH_SECRET"] = Secret, ["XCRASH_API_TOKEN"] = ApiToken };
        var log = Path.Combine(dir, "server.log");

        await using (var first = ServerProcess.Start(configPath, port, env, log))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
            emulator.SetWebhook(new Uri(first.Url, "webhooks/github"), Secret);
            emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux", "small"], Count = 8 });

            await Poll.UntilAsync(async () => await Probes.CountContainersAsync(controllerId, GarmLabel) >= 2, TimeSpan.FromSeconds(90), "containers to appear", cts.Token, Probes.LookInterval);
            await first.KillAsync();
            output.WriteLine($"killed with {await Probes.CountContainersAsync(controllerId, GarmLabel)} containers, {emulator.State.Jobs.Count(j => j.Status == EmulatedJobStatus.Completed)} jobs completed");
        }

        await using var second = ServerProcess.Start(configPath, port, env, log);
        await second.WaitReadyAsync(TimeSpan.FromSeconds(60));

        await Poll.UntilAsync(
            async () => emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)
                && await Probes.CountContainersAsync(controllerId, GarmLabel) == 0
                && await Probes.LiveRunnersAsync(second.Url, ApiToken) == 0
                && emulator.State.Runners.All(r => r.Removed),
            TimeSpan.FromMinutes(4),
            "every job completed and everything cleaned up", cts.Token, Probes.LookInterval);

        var jobs = emulator.State.Jobs;
        jobs.Count.ShouldBe(8);
        jobs.GroupBy(j => j.RunnerId).ShouldAllBe(g => g.Count() == 1);
        output.WriteLine($"registrations made: {emulator.State.Runners.Count} for 8 jobs");
    }

    private static string Config(int port, string dir, string controllerId, Uri apiUrl, string providerConfig) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {dir}/data
          controller_id: {controllerId}
          api_tokens:
            - name: api
              env: XCRASH_API_TOKEN
          converge_interval: 2s
          observe_interval: 1s
        forges:
          github:
            type: github
            api_url: {apiUrl}
            token:
              env: XCRASH_GH_TOKEN
            webhook_secret:
              env: XCRASH_GH_SECRET
        providers:
          garm:
            type: external
            executable: {GarmDockerProvider.Executable}
            config_file: {providerConfig}
            environment: [{string.Join(", ", GarmDockerProvider.Environment)}]
            interface_version: v0.1.1
            callback_url: http://127.0.0.1:{port}/
            max_concurrency: 2
        pools:
          small:
            forge: github
            repository: {DemoScenario.Repository}
            labels: [linux, small]
            provider: garm
            image: {DemoProviders.RunnerImage}
            max_runners: 8
            idle_grace: 5s
            boot_timeout: 1m
        """;
}
