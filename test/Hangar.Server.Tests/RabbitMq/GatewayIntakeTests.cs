using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hangar.Server.Tests.RabbitMq;

/// <summary>Gateways publish verified deliveries with confirms; serve consumes and stores each once (real broker,
/// real SQLite, real HTTP on loopback).</summary>
public sealed partial class GatewayIntakeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gateway_DeliveriesThroughTwoGatewaysWithRedeliveries_EachJobStoredOnce()
    {
        await using var fixture = await IntakeFixture.StartAsync(gateways: 2);
        const int jobs = 30;
        for (var i = 1; i <= jobs; i++)
        {
            using var response = await IntakeFixture.PostAsync(fixture.Gateways[i % 2], WorkflowJobPayloads.Create(1000 + i, "queued"), $"delivery-{i}").WaitAsync(Deadline, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("forwarded");
        }

        // A forge redelivering (the same delivery id) through the other gateway: on the queue twice, stored once.
        for (var i = 1; i <= 10; i++)
        {
            using var response = await IntakeFixture.PostAsync(fixture.Gateways[(i + 1) % 2], WorkflowJobPayloads.Create(1000 + i, "queued"), $"delivery-{i}").WaitAsync(Deadline, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await Poll.UntilAsync(async () => Counter(await MetricsAsync(fixture.Serve!), "hangar_intake_messages_total", fixture.Queue, "outcome=\"created\"") == jobs
            && Counter(await MetricsAsync(fixture.Serve!), "hangar_intake_messages_total", fixture.Queue, "outcome=\"duplicate\"") == 10,
            Deadline, "every message consumed", Ct);
        (await JobIdsAsync(fixture.Serve!)).ShouldBe(Enumerable.Range(1001, jobs).Select(i => (long)i).ToHashSet(), ignoreOrder: true);
        (await RabbitMqTestBroker.DepthAsync(fixture.BrokerUrl, fixture.Queue)).ShouldBe(0u);
        var gatewayMetrics = await MetricsAsync(fixture.Gateways[0]);
        gatewayMetrics.ShouldContain("hangar_gateway_publish_duration_seconds_bucket");
        // Both gateways run in this process, where their meters share a name: the series counts both.
        Counter(gatewayMetrics, "hangar_gateway_deliveries_total", fixture.Queue, "result=\"confirmed\"").ShouldBe(40);
    }

    [Fact]
    public async Task Gateway_UnsignedOrBadlySignedDelivery_Refused401AndNothingPublished()
    {
        await using var fixture = await IntakeFixture.StartAsync(gateways: 1, serve: false);
        using var unsigned = await IntakeFixture.PostAsync(fixture.Gateways[0], WorkflowJobPayloads.Create(7, "queued"), "d-1", signWith: null).WaitAsync(Deadline, Ct);
        using var forged = await IntakeFixture.PostAsync(fixture.Gateways[0], WorkflowJobPayloads.Create(7, "queued"), "d-2", signWith: "not-the-secret").WaitAsync(Deadline, Ct);
        using var ping = await IntakeFixture.PostAsync(fixture.Gateways[0], """{"zen":"hi","hook_id":1}""", "d-3").WaitAsync(Deadline, Ct);

        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RabbitMqTestBroker.HeldAsync(fixture.BrokerUrl, fixture.Queue)).ShouldBe(0u);
        Counter(await MetricsAsync(fixture.Gateways[0]), "hangar_gateway_deliveries_total", fixture.Queue, "result=\"confirmed\"").ShouldBe(0);
    }

    [Fact]
    public async Task Gateway_BrokerUnreachable_Answers503ProblemDetailsAndIsNotReady()
    {
        await using var fixture = await IntakeFixture.StartAsync(gateways: 1, serve: false, brokerUrl: $"amqp://guest:guest@127.0.0.1:{LoopbackPort.Free()}/");

        using var response = await IntakeFixture.PostAsync(fixture.Gateways[0], WorkflowJobPayloads.Create(8, "queued"), "d-1").WaitAsync(Deadline, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter.ShouldNotBeNull();
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(503);
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Intake queue unavailable");
        using var ready = await fixture.Gateways[0].GetAsync("/readyz", Ct).WaitAsync(Deadline, Ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        Counter(await MetricsAsync(fixture.Gateways[0]), "hangar_gateway_deliveries_total", fixture.Queue, "result=\"unavailable\"").ShouldBe(1);
    }

    [Fact]
    public async Task Consumer_PoisonMessages_DeadLetteredWithReasonAndConsumingGoesOn()
    {
        await using var fixture = await IntakeFixture.StartAsync(gateways: 1);
        const string type = "hangar.job_event.v1";
        await RabbitMqTestBroker.PublishRawAsync(fixture.BrokerUrl, fixture.Queue, "{not json"u8.ToArray(), type, "p-unparseable");
        await RabbitMqTestBroker.PublishRawAsync(fixture.BrokerUrl, fixture.Queue, "{}"u8.ToArray(), "something.else", "p-type");
        await RabbitMqTestBroker.PublishRawAsync(fixture.BrokerUrl, fixture.Queue,
            """{"forge":"gitlab","job_id":5,"status":"queued","repository":"a/b","delivery_id":"x"}"""u8.ToArray(), type, "p-forge");
        await RabbitMqTestBroker.PublishRawAsync(fixture.BrokerUrl, fixture.Queue,
            """{"forge":"github","job_id":0,"status":"queued","repository":"a/b","delivery_id":"y"}"""u8.ToArray(), type, "p-invalid");
        using (var response = await IntakeFixture.PostAsync(fixture.Gateways[0], WorkflowJobPayloads.Create(4242, "queued"), "good-1").WaitAsync(Deadline, Ct))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await Poll.UntilAsync(async () => (await JobIdsAsync(fixture.Serve!)).Contains(4242), Deadline, "the good message stored after the poison", Ct);
        await Poll.UntilAsync(async () => await RabbitMqTestBroker.DepthAsync(fixture.BrokerUrl, fixture.Queue + ".dead") == 4, Deadline, "four dead letters", Ct);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/intake/dead-letters");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IntakeFixture.ApiToken);
        using var listed = await fixture.Serve!.SendAsync(request, Ct).WaitAsync(Deadline, Ct);
        listed.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var page = JsonDocument.Parse(await listed.Content.ReadAsStringAsync(Ct));
        page.RootElement.GetProperty("count").GetInt32().ShouldBe(4);
        var letters = page.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("message_id").GetString()!, i => (Kind: i.GetProperty("kind").GetString(), Reason: i.GetProperty("reason").GetString()!));
        letters["p-unparseable"].Kind.ShouldBe("unparseable");
        letters["p-type"].Kind.ShouldBe("unparseable");
        letters["p-type"].Reason.ShouldContain("something.else");
        letters["p-forge"].Kind.ShouldBe("unknown_forge");
        letters["p-forge"].Reason.ShouldContain("gitlab");
        letters["p-invalid"].Kind.ShouldBe("invalid");
        letters["p-invalid"].Reason.ShouldContain("job_id");

        // Looking does not take them off the queue, and the gauges report what is there.
        (await RabbitMqTestBroker.DepthAsync(fixture.BrokerUrl, fixture.Queue + ".dead")).ShouldBe(4u);
        await Poll.UntilAsync(async () => Gauge(await MetricsAsync(fixture.Serve!), "hangar_intake_dead_letter_messages", fixture.Queue) == 4, Deadline, "the dead-letter gauge", Ct);
        var metrics = await MetricsAsync(fixture.Serve!);
        Gauge(metrics, "hangar_intake_consumer_lag", fixture.Queue).ShouldBe(0);
        Counter(metrics, "hangar_intake_dead_lettered_total", fixture.Queue, "kind=\"unparseable\"").ShouldBe(2);
        Counter(metrics, "hangar_intake_dead_lettered_total", fixture.Queue, "kind=\"unknown_forge\"").ShouldBe(1);
    }

    internal static async Task<HashSet<long>> JobIdsAsync(HttpClient serve, string token = IntakeFixture.ApiToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/jobs?limit=500");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await serve.SendAsync(request, Ct).WaitAsync(Deadline, Ct);
        response.EnsureSuccessStatusCode();
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return page.RootElement.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).ToHashSet();
    }

    internal static async Task<string> MetricsAsync(HttpClient client) => await client.GetStringAsync("/metrics", Ct).WaitAsync(Deadline, Ct);

    /// <summary>A counter's value summed over the series whose labels contain <paramref name="label"/>.</summary>
    internal static long Counter(string metrics, string name, string queue, string label) =>
        Series(metrics, name).Where(s => s.Labels.Contains($"queue=\"{queue}\"", StringComparison.Ordinal) && s.Labels.Contains(label, StringComparison.Ordinal)).Sum(s => (long)s.Value);

    internal static double? Gauge(string metrics, string name, string queue) =>
        Series(metrics, name).Where(s => s.Labels.Contains($"queue=\"{queue}\"", StringComparison.Ordinal)).Select(s => (double?)s.Value).FirstOrDefault();

    private static IEnumerable<(string Labels, double Value)> Series(string metrics, string name) =>
        SeriesLine().Matches(metrics).Where(m => m.Groups["name"].Value == name)
            .Select(m => (m.Groups["labels"].Value, double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SeriesLine();
}
