using Hangar.Cli.Demo;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Server.Tests.EndToEnd;

namespace Hangar.Server.Tests.RabbitMq;

/// <summary>
/// The split deployment end to end: the emulator's webhooks reach a <c>hangar gateway</c> process, which publishes them
/// to RabbitMQ; a <c>hangar serve</c> process consumes them and serves every job with a real container.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GatewayEndToEndTests(ITestOutputHelper output)
{
    private const string Token = "ghp_gateway_e2e_token";
    private const string Secret = "gateway-e2e-webhook-secret";
    private const string ApiToken = "gateway-e2e-api-token";
    private const int Jobs = 50;

    [Fact]
    public async Task Gateway_FiftyJobsThroughRabbitMqOnDocker_EachServedOnceAndStoredOnce()
    {
        await DockerImage.EnsureRunnerImageAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(6));
        var dir = Directory.CreateTempSubdirectory("hangar-gateway-e2e-").FullName;
        var controllerId = "gw-" + Guid.NewGuid().ToString("N")[..8];
        var queue = RabbitMqTestBroker.UniqueQueue("e2e");
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = Token,
            WebhookSecret = Secret,
            DefaultJobDuration = TimeSpan.FromSeconds(1),
        }, cts.Token);

        var servePort = LoopbackPort.Free();
        var gatewayPort = LoopbackPort.Free();
        var serveConfig = Path.Combine(dir, "serve.yaml");
        var gatewayConfig = Path.Combine(dir, "gateway.yaml");
        await File.WriteAllTextAsync(serveConfig, Config(servePort, dir, controllerId, emulator.ApiUrl, queue), cts.Token);
        await File.WriteAllTextAsync(gatewayConfig, Config(gatewayPort, dir, controllerId, emulator.ApiUrl, queue), cts.Token);
        var env = new Dictionary<string, string>
        {
            ["GW_E2E_GH_TOKEN"] = Token,
            ["GW_E2E_GH_SECRET"] = Secret,
            ["GW_E2E_API_TOKEN"] = ApiToken,
            ["GW_E2E_AMQP"] = RabbitMqTestBroker.Url,
        };
        var log = Path.Combine(dir, "hangar.log");

        try
        {
            await using var gateway = ServerProcess.Start(gatewayConfig, gatewayPort, env, log, "gateway");
            await using var server = ServerProcess.Start(serveConfig, servePort, env, log);
            await gateway.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
            emulator.SetWebhook(new Uri(gateway.Url, "webhooks/github"), Secret);
            emulator.QueueJobs(new JobRequest { Repository = DemoScenario.Repository, Labels = ["self-hosted", "linux"], Count = Jobs });

            await Poll.UntilAsync(
                async () => emulator.State.Jobs.All(j => j.Status == EmulatedJobStatus.Completed)
                    && await Probes.CountContainersAsync(controllerId) == 0
                    && await Probes.LiveRunnersAsync(server.Url, ApiToken) == 0,
                TimeSpan.FromMinutes(5),
                "every job completed and every runner removed", cts.Token, Probes.LookInterval);

            var jobs = emulator.State.Jobs;
            jobs.Count.ShouldBe(Jobs);
            jobs.GroupBy(j => j.RunnerId).ShouldAllBe(g => g.Key != null && g.Count() == 1);
            using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(10) };
            var stored = await GatewayIntakeTests.JobIdsAsync(http, ApiToken);
            stored.ShouldBe(jobs.Select(j => j.Id).ToHashSet(), ignoreOrder: true);
            var metrics = await http.GetStringAsync("/metrics", cts.Token);
            // Every job was created by exactly one message; its later events (in progress, completed) came the same way.
            GatewayIntakeTests.Counter(metrics, "hangar_intake_messages_total", queue, "outcome=\"created\"").ShouldBe(Jobs);
            GatewayIntakeTests.Counter(metrics, "hangar_intake_messages_total", queue, "outcome=\"dead_lettered\"").ShouldBe(0);
        }
        finally
        {
            output.WriteLine(File.Exists(log) ? await File.ReadAllTextAsync(log, cts.Token) : "(no log)");
            await RabbitMqTestBroker.DeleteQueuesAsync(RabbitMqTestBroker.Url, queue);
        }
    }

    private static string Config(int port, string dir, string controllerId, Uri apiUrl, string queue) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {dir}/data
          controller_id: {controllerId}
          api_tokens:
            - name: api
              env: GW_E2E_API_TOKEN
          converge_interval: 2s
          observe_interval: 1s
        forges:
          github:
            type: github
            api_url: {apiUrl}
            token:
              env: GW_E2E_GH_TOKEN
            webhook_secret:
              env: GW_E2E_GH_SECRET
        intake:
          rabbitmq:
            url:
              env: GW_E2E_AMQP
            queue: {queue}
        providers:
          docker:
            type: docker
            max_concurrency: 4
        pools:
          linux:
            forge: github
            repository: {DemoScenario.Repository}
            labels: [linux]
            provider: docker
            image: {DemoProviders.RunnerImage}
            network_mode: host
            max_runners: 8
            idle_grace: 2s
        """;
}
