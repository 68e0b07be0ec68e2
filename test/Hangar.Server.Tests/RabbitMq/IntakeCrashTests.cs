using System.Net;
using System.Net.Http.Headers;
using Hangar.Server.Tests.EndToEnd;

namespace Hangar.Server.Tests.RabbitMq;

/// <summary>
/// The durability chain, with real processes: a gateway process answers 202 only after the broker confirmed a
/// persistent message; <c>serve</c> acks only after the store committed. SIGKILL the consumer and restart the broker
/// mid-stream: every accepted delivery is stored exactly once and none is lost; while the broker is down the gateway
/// answers 503 (and the sender redelivers, as a forge does). The broker here is a private node of this test
/// (eng/start-rabbitmq.sh NAME PORT DIR), so restarting it never disturbs tests using the shared one.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class IntakeCrashTests(ITestOutputHelper output)
{
    private const string Secret = "crash-webhook-secret";
    private const string ApiToken = "crash-api-token";
    private const int Jobs = 120;

    [Fact]
    public async Task Intake_ConsumerKilledAndBrokerRestartedMidStream_EveryAcceptedDeliveryStoredExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = await RabbitMqTestBroker.StartPrivateNodeAsync("rabbit-hgr-" + Guid.NewGuid().ToString("N")[..8]);
        var dir = Directory.CreateTempSubdirectory("hangar-intake-crash-").FullName;
        var servePort = LoopbackPort.Free();
        var gatewayPort = LoopbackPort.Free();
        var serveConfig = Path.Combine(dir, "serve.yaml");
        var gatewayConfig = Path.Combine(dir, "gateway.yaml");
        await File.WriteAllTextAsync(serveConfig, Config(servePort, dir), ct);
        await File.WriteAllTextAsync(gatewayConfig, Config(gatewayPort, dir), ct);
        var env = new Dictionary<string, string> { ["CRASH_SECRET"] = Secret, ["CRASH_API"] = ApiToken, ["CRASH_AMQP"] = node.Url, ["CRASH_GH"] = "ghp_x" };
        var log = Path.Combine(dir, "hangar.log");

        await using var gateway = ServerProcess.Start(gatewayConfig, gatewayPort, env, log, "gateway");
        var serve = ServerProcess.Start(serveConfig, servePort, env, log);
        try
        {
            await gateway.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await serve.WaitReadyAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = gateway.Url, Timeout = TimeSpan.FromSeconds(10) };
            var unavailableWhileDown = 0;
            for (var job = 1; job <= Jobs; job++)
            {
                if (job == Jobs / 3)
                {
                    await serve.KillAsync();
                    await serve.DisposeAsync();
                    serve = ServerProcess.Start(serveConfig, servePort, env, log);
                }

                if (job == 2 * Jobs / 3)
                {
                    await node.StopAsync();
                    using (var refused = await PostAsync(http, job, ct))
                    {
                        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
                        unavailableWhileDown++;
                    }

                    await node.StartAsync();
                }

                await DeliverAsync(http, job, ct);
            }

            unavailableWhileDown.ShouldBe(1);
            await serve.WaitReadyAsync(TimeSpan.FromSeconds(60));
            using var api = new HttpClient { BaseAddress = serve.Url, Timeout = TimeSpan.FromSeconds(10) };
            await Poll.UntilAsync(async () => (await GatewayIntakeTests.JobIdsAsync(api, ApiToken)).Count == Jobs, TimeSpan.FromSeconds(90), "every accepted delivery stored", ct);
            (await GatewayIntakeTests.JobIdsAsync(api, ApiToken)).ShouldBe(Enumerable.Range(1, Jobs).Select(i => (long)i).ToHashSet(), ignoreOrder: true);
            await Poll.UntilAsync(async () => await RabbitMqTestBroker.DepthAsync(node.Url, "crash.intake") == 0, TimeSpan.FromSeconds(30), "the queue drained", ct);
        }
        finally
        {
            await serve.DisposeAsync();
            output.WriteLine(File.Exists(log) ? await File.ReadAllTextAsync(log, ct) : "(no log)");
        }
    }

    /// <summary>Posts until the gateway accepts it, the way a forge redelivers a failed delivery.</summary>
    private static async Task DeliverAsync(HttpClient http, int job, CancellationToken ct)
    {
        await Poll.UntilAsync(async () =>
        {
            try
            {
                using var response = await PostAsync(http, job, ct);
                return response.StatusCode == HttpStatusCode.Accepted;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"the gateway to accept job {job}", ct, TimeSpan.FromMilliseconds(200));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, int job, CancellationToken ct)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(WorkflowJobPayloads.Create(job, "queued"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-GitHub-Delivery", $"crash-{job}");
        request.Headers.Add("X-Hub-Signature-256", Forges.GitHub.Webhooks.GitHubWebhookSignature.Sign(body, System.Text.Encoding.UTF8.GetBytes(Secret)));
        return http.SendAsync(request, ct);
    }

    private static string Config(int port, string dir) => $"""
        server:
          listen: http://127.0.0.1:{port}
          data_dir: {dir}/data
          controller_id: crash-{port}
          api_tokens:
            - name: api
              env: CRASH_API
          converge_interval: 2s
        forges:
          github:
            type: github
            api_url: http://127.0.0.1:9/
            token:
              env: CRASH_GH
            webhook_secret:
              env: CRASH_SECRET
        intake:
          rabbitmq:
            url:
              env: CRASH_AMQP
            queue: crash.intake
            prefetch: 16
            publish_timeout: 2s
            stats_interval: 1s
        """;
}
