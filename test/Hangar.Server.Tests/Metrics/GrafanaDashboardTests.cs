using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hangar.Core.Pools;
using Hangar.Engine;

namespace Hangar.Server.Tests.Metrics;

/// <summary>
/// <c>docs/grafana-dashboard.json</c> is built on metrics Hangar exports: every series name a panel queries is one an
/// instrument declared in code is exported as (or, until the RabbitMQ intake lands, one of <see cref="Pending"/>),
/// and the naming rule used for that is checked against a real <c>/metrics</c> scrape.
/// </summary>
public sealed partial class GrafanaDashboardTests : IAsyncLifetime
{
    /// <summary>
    /// Instruments of the RabbitMQ gateway and consumer (issue 11 items 1, 2), declared by their own branch: the names
    /// agreed for the dashboard. Once they are declared in code they are found like every other instrument and an entry
    /// here only has to agree with its declaration; the coordinator removes them at merge.
    /// </summary>
    private static readonly (string Name, string Unit, PrometheusNames.Kind Kind)[] Pending =
    [
        ("hangar.gateway.publish.duration", "s", PrometheusNames.Kind.Histogram),
        ("hangar.intake.consumer.lag", "{message}", PrometheusNames.Kind.Gauge),
        ("hangar.intake.dead_letter.messages", "{message}", PrometheusNames.Kind.Gauge),
    ];

    private const string Flavor = "ci";
    private readonly List<Instrument> _instruments = [];
    private readonly MeterListener _listener = new();
    private ServerFixture _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(configure: config => config with
        {
            Engine = config.Engine with
            {
                Pools = [new PoolSpec { Name = Flavor, Forge = "github", Target = ForgeTarget.Repository("acme/app"), Labels = ["linux"], Provider = PoolSpec.NoProvider }],
            },
        });
        _listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name.StartsWith("Hangar.", StringComparison.Ordinal))
            {
                lock (_instruments)
                {
                    _instruments.Add(instrument);
                }
            }
        };

        // Start reports every instrument already created, then each one made later.
        _listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _server.DisposeAsync();
    }

    private HashSet<string> DeclaredSeries()
    {
        lock (_instruments)
        {
            return [.. _instruments.SelectMany(i => PrometheusNames.Series(i.Name, i.Unit, PrometheusNames.KindOf(i)))];
        }
    }

    [Fact]
    public async Task Dashboard_EveryQueriedMetric_IsExported()
    {
        var dashboard = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "grafana-dashboard.json"), TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(dashboard);
        var queried = Expressions(doc.RootElement).SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet();
        var exported = DeclaredSeries();
        exported.UnionWith(Pending.SelectMany(p => PrometheusNames.Series(p.Name, p.Unit, p.Kind)));

        queried.ShouldContain("hangar_pool_queue_time_seconds_bucket");
        queried.ShouldContain("hangar_pool_boot_time_seconds_bucket");
        queried.ShouldContain("hangar_flavor_pressure");
        queried.Except(exported).ShouldBeEmpty("the dashboard queries metrics nothing exports");
    }

    [Fact]
    public void Pending_DeclaredInCode_AgreesWithItsDeclaration()
    {
        lock (_instruments)
        {
            foreach (var (name, unit, kind) in Pending)
            {
                if (_instruments.FirstOrDefault(i => i.Name == name) is { } declared)
                {
                    (declared.Unit ?? "", PrometheusNames.KindOf(declared)).ShouldBe((unit, kind), name);
                }
            }
        }
    }

    [Fact]
    public async Task Scrape_EverySeries_NamedAsTheRuleSays()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var queued = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(5, "queued")))
        {
            queued.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await Poll.UntilAsync(async () => (await _server.Store.GetJobAsync(new("github", 5), ct))?.Pool == Flavor, TaskDeadlines.Call, "the job routed", ct);
        using (var started = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(5, "in_progress", runnerName: "outside-1")))
        {
            started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var scrape = await _server.Http.GetStringAsync("/metrics", ct);
        var series = scrape.Split('\n').Where(l => l.StartsWith("hangar_", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOfAny(['{', ' '])]).ToHashSet();

        series.ShouldContain("hangar_pool_queue_time_seconds_bucket");
        series.ShouldContain("hangar_flavor_pressure");
        scrape.Split('\n').ShouldContain(l => l.StartsWith("hangar_pool_queue_time_seconds_count{", StringComparison.Ordinal) && l.Contains($"pool=\"{Flavor}\"", StringComparison.Ordinal));
        series.Except(DeclaredSeries()).ShouldBeEmpty("the naming rule in PrometheusNames no longer matches the exporter");
    }

    private static IEnumerable<string> Expressions(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "expr" or "query" or "definition" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }

                    foreach (var inner in Expressions(property.Value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var inner in Expressions(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    [GeneratedRegex(@"\bhangar_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
