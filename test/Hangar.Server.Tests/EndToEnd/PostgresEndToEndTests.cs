using Hangar.Cli.Demo;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Testing;
using Hangar.Testing.Storage;

namespace Hangar.Server.Tests.EndToEnd;

/// <summary>
/// <c>hangar serve</c> configured with <c>store: {type: postgres}</c>: the emulator's jobs are served by real containers
/// and everything the server knows lives in PostgreSQL (no SQLite file is made).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PostgresEndToEndTests(ITestOutputHelper output)
{
    private const string Token = "ghp_postgres_e2e_token";
    private const string Secret = "postgres-e2e-webhook-secret";
    private const string ApiToken = "postgres-e2e-api-token";

    [Fact]
    public async Task Serve_PostgresStore_JobsServedStateStoredInPostgresAndTheLocalSocketWarned()
    {
        await DockerImage.EnsureRunnerImageAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var dir = Directory.CreateTempSubdirectory("hangar-pg-e2e-").FullName;
        var controllerId = "pg-" + Guid.NewGuid().ToString("N")[..8];
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
            ["PG_E2E_GH_TOKEN"] = Token,
            ["PG_E2E_GH_SECRET"] = Secret,
            ["PG_E2E_API_TOKEN"] = ApiToken,
            ["PG_E2E_STORE"] = schema.ConnectionString,
        };
        var log = Path.Combine(dir, "server.log");

        await using var server = ServerProcess.Start(configPath, port, env, log);
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        emulator.SetWebhook(new Uri(server.Url, "webhooks/github"), Secret);
        emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux"], Count = 3 });

        await Poll.UntilAsync(
            async () => emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)
                && await Probes.CountContainersAsync(controllerId) == 0
                && await Probes.LiveRunnersAsync(server.Url, ApiToken) == 0,
            TimeSpan.FromMinutes(3),
            "every job completed and every runner removed", cts.Token, Probes.LookInterval);

        var jobs = emulator.State.Jobs;
        jobs.Count.ShouldBe(3);
        jobs.GroupBy(j => j.RunnerId).ShouldAllBe(g => g.Key != null && g.Count() == 1);
        await Poll.UntilAsync(
            async () => (long)(await schema.ExecuteAsync("SELECT count(*) FROM jobs WHERE status = 3;"))! == 3,
            TimeSpan.FromSeconds(30), "the completions to reach the store", cts.Token, Probes.LookInterval);
        (await schema.ExecuteAsync("SELECT count(*) FROM instances WHERE state <> 'Deleted';")).ShouldBe(0L);
        ((long)(await schema.ExecuteAsync("SELECT count(*) FROM instances;"))!).ShouldBeGreaterThanOrEqualTo(3);
        File.Exists(Path.Combine(dir, "data", "hangar.db")).ShouldBeFalse();
        await server.KillAsync();
        var text = await File.ReadAllTextAsync(log, cts.Token);
        output.WriteLine(text);
        text.ShouldContain("provider docker (docker) is reachable from this host only");
    }

    private static string Config(int port, string dir, string controllerId, Uri apiUrl) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {dir}/data
          controller_id: {controllerId}
          api_tokens:
            - name: api
              env: PG_E2E_API_TOKEN
          converge_interval: 2s
          observe_interval: 1s
        store:
          type: postgres
          connection_string:
            env: PG_E2E_STORE
        forges:
          github:
            type: github
            api_url: {apiUrl}
            token:
              env: PG_E2E_GH_TOKEN
            webhook_secret:
              env: PG_E2E_GH_SECRET
        providers:
          docker:
            type: docker
            max_concurrency: 2
        pools:
          linux:
            forge: github
            repository: {DemoScenario.Repository}
            labels: [linux]
            provider: docker
            image: {DemoProviders.RunnerImage}
            network_mode: host
            max_runners: 3
            idle_grace: 2s
        """;
}
