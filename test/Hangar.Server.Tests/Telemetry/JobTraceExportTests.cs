using System.Net;
using Hangar.Configuration;
using Hangar.Core.Jobs;
using Hangar.Core.Telemetry;
using Hangar.Server.Tests.EndToEnd;
using Hangar.Server.Tests.RabbitMq;

namespace Hangar.Server.Tests.Telemetry;

/// <summary>One trace per job, received over real OTLP/HTTP: the gateway's publish (a <c>hangar gateway</c> process),
/// the consumer's receive (its child, through the message headers, in <c>serve</c>) and the store's span (the
/// consumer's child), for every event of the job.</summary>
public sealed class JobTraceExportTests
{
    [Fact]
    public async Task Traces_JobThroughGatewayAndQueue_OneTraceWithPublishConsumeStoreChainsOverOtlp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync();
        Environment.SetEnvironmentVariable("HANGAR_TEST_OTLP_KEY", "otlp-key-123");
        var telemetry = new TelemetryConfig
        {
            Otlp = new OtlpConfig { Endpoint = receiver.Endpoint, Headers = new Dictionary<string, SecretRef> { ["x-api-key"] = new("otlp-key", Env: "HANGAR_TEST_OTLP_KEY") } },
        };
        await using var fixture = await IntakeFixture.StartAsync(gateways: 0, telemetry: telemetry);
        var dir = Directory.CreateTempSubdirectory("hangar-trace-gw-").FullName;
        var port = LoopbackPort.Free();
        var config = Path.Combine(dir, "gateway.yaml");
        await File.WriteAllTextAsync(config, GatewayConfig(port, fixture.Queue, receiver.Endpoint), ct);
        var env = new Dictionary<string, string> { ["TRACE_SECRET"] = IntakeFixture.Secret, ["TRACE_AMQP"] = fixture.BrokerUrl, ["TRACE_OTLP_KEY"] = "otlp-key-123" };
        await using var gatewayProcess = ServerProcess.Start(config, port, env, Path.Combine(dir, "gateway.log"), "gateway");
        await gatewayProcess.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var gateway = new HttpClient { BaseAddress = gatewayProcess.Url, Timeout = TimeSpan.FromSeconds(30) };
        var jobId = Random.Shared.NextInt64(1_000_000, 9_000_000);
        foreach (var (action, delivery) in new[] { ("queued", "t-queued"), ("in_progress", "t-started"), ("completed", "t-completed") })
        {
            var runner = action == "queued" ? null : "hgr-linux-abc";
            using var response = await IntakeFixture.PostAsync(gateway, WorkflowJobPayloads.Create(jobId, action, runnerName: runner), delivery + jobId).WaitAsync(TimeSpan.FromSeconds(30), ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var traceId = JobTrace.JobContext(new JobKey("github", jobId)).TraceId.ToHexString();
        OtlpSpan[] Trace() => [.. receiver.Spans.Where(s => s.TraceId == traceId).DistinctBy(s => s.SpanId)];
        await Poll.UntilAsync(() => Trace().Count(s => s.Name == "intake.publish") == 3
            && Trace().Count(s => s.Name == "intake.consume") == 3
            && Trace().Any(s => s.Name == "job.stored") && Trace().Any(s => s.Name == "job.started")
            && Trace().Any(s => s.Name == "job.completed") && Trace().Any(s => s.Name == JobTrace.JobSpanName)
            && Trace().Any(s => s.Service == "hangar-gateway" && s.Name == "intake.publish"),
            TimeSpan.FromSeconds(60), "the job's spans to be exported", ct);

        var spans = Trace();
        var root = JobTrace.JobContext(new JobKey("github", jobId)).SpanId.ToHexString();
        var publishes = spans.Where(s => s.Name == "intake.publish").ToList();
        publishes.ShouldAllBe(s => s.ParentSpanId == root && s.Kind == 4);   // SPAN_KIND_PRODUCER
        foreach (var consume in spans.Where(s => s.Name == "intake.consume"))
        {
            consume.Kind.ShouldBe(5);   // SPAN_KIND_CONSUMER
            publishes.Select(p => p.SpanId).ShouldContain(consume.ParentSpanId);
        }

        var consumes = spans.Where(s => s.Name == "intake.consume").Select(s => s.SpanId).ToList();
        foreach (var name in new[] { "job.stored", "job.started", "job.completed" })
        {
            var stored = spans.First(s => s.Name == name);
            consumes.ShouldContain(stored.ParentSpanId, $"{name} is a child of a consume span");
            stored.Attributes["hangar.forge"].ShouldBe("github");
            stored.Attributes["hangar.job.id"].ShouldBe(jobId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        spans.First(s => s.Name == "job.started").Attributes["hangar.runner.name"].ShouldBe("hgr-linux-abc");
        spans.First(s => s.Name == JobTrace.JobSpanName).ParentSpanId.ShouldBe(root);
        publishes.ShouldAllBe(s => s.Service == "hangar-gateway");
        spans.Where(s => s.Name == "intake.consume").ShouldAllBe(s => s.Service == "hangar");
        spans.SelectMany(s => s.Attributes.Values).ShouldNotContain(v => v.Contains(IntakeFixture.Secret) || v.Contains("otlp-key-123"));
        receiver.ApiKeys.ShouldContain("otlp-key-123");
    }

    private static string GatewayConfig(int port, string queue, Uri otlp) => $"""
        server:
          listen: http://127.0.0.1:{port}
        forges:
          github:
            type: github
            api_url: http://127.0.0.1:9/
            token:
              env: TRACE_SECRET
            webhook_secret:
              env: TRACE_SECRET
        intake:
          rabbitmq:
            url:
              env: TRACE_AMQP
            queue: {queue}
        telemetry:
          otlp:
            endpoint: {otlp}
            headers:
              x-api-key:
                env: TRACE_OTLP_KEY
        """;
}
