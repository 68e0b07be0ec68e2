using Hangar.Cli.Demo;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Store.Sqlite;
using Hangar.Testing.Providers;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// <c>min_stopped: 1</c> on a GARM external provider (the Docker-backed test provider): the machine is created with its
/// bootstrap told to wait, then stopped, with no registration at the forge; a job starts it on demand, its credential
/// minted at that moment and fetched by the machine from the metadata endpoint with the instance token it was created
/// with; that machine serves the job, the tier is refilled, and nothing else is left behind.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExternalStoppedTierEndToEndTests(ITestOutputHelper output)
{
    private const string Token = "ghp_external_stopped_token";
    private const string Secret = "external-stopped-webhook-secret";
    private const string ApiToken = "external-stopped-api-token";
    private const string GarmLabel = "garm-controller-id";

    [Fact]
    public async Task Serve_MinStoppedOnAGarmProvider_JobServedByTheStoppedMachineStartedOnDemand()
    {
        await DockerImage.EnsureRunnerImageAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var dir = Directory.CreateTempSubdirectory("hangar-external-stopped-").FullName;
        var controllerId = "xst-" + Guid.NewGuid().ToString("N")[..8];
        await using var emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions { Token = Token, WebhookSecret = Secret, DefaultJobDuration = TimeSpan.FromSeconds(1) }, cts.Token);
        var port = LoopbackPort.Free();
        var providerConfig = Path.Combine(dir, "garm-provider.json");
        await File.WriteAllTextAsync(providerConfig, "{}", cts.Token);
        var configPath = Path.Combine(dir, "hangar.yaml");
        await File.WriteAllTextAsync(configPath, Config(port, dir, controllerId, emulator.ApiUrl, providerConfig), cts.Token);
        var env = new Dictionary<string, string> { ["XST_GH_TOKEN"] = Token, ["XST_GH_SECRET"] = Secret, ["XST_API_TOKEN"] = ApiToken };
        var log = Path.Combine(dir, "server.log");
        string standby;
        try
        {
            await using var server = ServerProcess.Start(configPath, port, env, log);
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            emulator.SetWebhook(new Uri(server.Url, "webhooks/github"), Secret);

            // The tier fills: one machine made, its bootstrap parked, stopped; nothing registered at the forge for it.
            string? stopped = null;
            await Poll.UntilAsync(
                async () => (stopped = await Probes.ContainersAsync(controllerId, GarmLabel) is [(var one, "exited")] && await Probes.StoppedRunnerAsync(server.Url, ApiToken) == one ? one : null) is not null,
                TimeSpan.FromMinutes(1), "a stopped machine", cts.Token, Probes.LookInterval);
            standby = stopped!;
            emulator.State.Runners.ShouldBeEmpty();

            emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux"], Count = 1 });
            await Poll.UntilAsync(
                () => Task.FromResult(emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)),
                TimeSpan.FromMinutes(2), "the job completed", cts.Token, Probes.LookInterval);
            emulator.State.Jobs.ShouldHaveSingleItem().RunnerName.ShouldBe(standby);

            // The served machine goes after its job; a new one stands by, and it alone is left.
            await Poll.UntilAsync(
                async () => await Probes.ContainersAsync(controllerId, GarmLabel) is [(var one, "exited")] && one != standby && await Probes.StoppedRunnerAsync(server.Url, ApiToken) == one,
                TimeSpan.FromMinutes(1), "the served machine removed and the tier refilled", cts.Token, Probes.LookInterval);
            await Poll.UntilAsync(
                () => Task.FromResult(emulator.State.Runners is [{ Removed: true } only] && only.Name == standby),
                TimeSpan.FromSeconds(30), "the served runner's registration removed", cts.Token, Probes.LookInterval);
            await Poll.UntilAsync(
                async () => await Probes.LiveRunnersAsync(server.Url, ApiToken) == 1,
                TimeSpan.FromSeconds(30), "only the stand-by runner live", cts.Token, Probes.LookInterval);
            await server.KillAsync();
        }
        finally
        {
            output.WriteLine(File.Exists(log) ? await File.ReadAllTextAsync(log, CancellationToken.None) : "(no server log)");
            await Probes.RemoveContainersAsync(controllerId, GarmLabel);
        }

        // Parked at its first boot, then at its start it fetched the credential minted for it; the token is gone with it.
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(dir, "data", "hangar.db") });
        var reasons = (await store.GetHistoryAsync(standby, 50, cts.Token)).Select(t => t.Reason).ToList();
        var parked = reasons.IndexOf("instance reported installing: prepared: waiting to be started");
        var fetched = reasons.IndexOf("instance reported installing: fetching the runner credential");
        parked.ShouldBeGreaterThanOrEqualTo(0, string.Join(" | ", reasons));
        fetched.ShouldBeGreaterThanOrEqualTo(0, string.Join(" | ", reasons));
        fetched.ShouldBeLessThan(parked, "history is newest first: the fetch came after the parked boot");
        (await store.GetInstanceTokenAsync(standby, cts.Token)).ShouldBeNull();
        var text = await File.ReadAllTextAsync(log, cts.Token);
        text.ShouldContain("created with its bootstrap waiting, then stopped");
        text.ShouldContain("stopped instance started for a job");
    }

    private static string Config(int port, string dir, string controllerId, Uri apiUrl, string providerConfig) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {dir}/data
          controller_id: {controllerId}
          api_tokens:
            - name: api
              env: XST_API_TOKEN
          converge_interval: 2s
          observe_interval: 1s
        forges:
          github:
            type: github
            api_url: {apiUrl}
            token:
              env: XST_GH_TOKEN
            webhook_secret:
              env: XST_GH_SECRET
        providers:
          garm:
            type: external
            executable: {GarmDockerProvider.Executable}
            config_file: {providerConfig}
            environment: [{string.Join(", ", GarmDockerProvider.Environment)}]
            interface_version: v0.1.1
            callback_url: http://127.0.0.1:{port}/
        pools:
          linux:
            forge: github
            repository: {DemoScenario.Repository}
            labels: [linux]
            provider: garm
            image: {DemoProviders.RunnerImage}
            max_runners: 3
            min_stopped: 1
            idle_grace: 2s
        """;
}
