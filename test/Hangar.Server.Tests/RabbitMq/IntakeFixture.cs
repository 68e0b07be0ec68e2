using System.Net.Http.Headers;
using System.Text;
using Hangar.Configuration;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Server.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.RabbitMq;

/// <summary>
/// In-process gateways and a consuming <c>serve</c> (SQLite, no pools) on one queue of their own on the shared test
/// broker, all on loopback ports: the topology of docs/gateway.md without processes or Docker.
/// </summary>
internal sealed class IntakeFixture : IAsyncDisposable
{
    public const string Secret = "gateway-webhook-secret";
    public const string ApiToken = "gateway-api-token";

    private readonly List<WebApplication> _apps = [];
    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("hangar-gateway-test-");

    private IntakeFixture(string brokerUrl, string queue, TelemetryConfig? telemetry)
    {
        BrokerUrl = brokerUrl;
        Queue = queue;
        Config = new HangarConfig
        {
            Server = new ServerConfig { DataDir = _dataDir.FullName, ApiTokens = [new SecretRef("api")] },
            Engine = new EngineOptions { ControllerId = "gw-" + Guid.NewGuid().ToString("N")[..8] },
            Forges = new Dictionary<string, ForgeConfig>
            {
                ["github"] = new() { GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = "http://127.0.0.1:9/" }, Token = new SecretRef("gh-token"), WebhookSecret = new SecretRef("gh-secret") },
            },
            Intake = new IntakeConfig
            {
                RabbitMq = new RabbitMqIntakeConfig { Url = new SecretRef("amqp"), Queue = queue, PublishTimeout = TimeSpan.FromSeconds(3), StatsInterval = TimeSpan.FromMilliseconds(200) },
            },
            Telemetry = telemetry ?? new TelemetryConfig(),
        };
    }

    public string BrokerUrl { get; }

    public string Queue { get; }

    public HangarConfig Config { get; }

    public List<HttpClient> Gateways { get; } = [];

    public HttpClient? Serve { get; private set; }

    public IStore Store => _apps[0].Services.GetRequiredService<IStore>();

    public static async Task<IntakeFixture> StartAsync(int gateways, bool serve = true, string? brokerUrl = null, TelemetryConfig? telemetry = null)
    {
        var fixture = new IntakeFixture(brokerUrl ?? RabbitMqTestBroker.Url, RabbitMqTestBroker.UniqueQueue("intake"), telemetry);
        if (serve)
        {
            var app = HangarHost.Create(fixture.Config, fixture.Options());
            await fixture.StartAsync(app);
            fixture.Serve = Client(app);
        }

        for (var i = 0; i < gateways; i++)
        {
            var app = GatewayHost.Create(fixture.Config, fixture.Options());
            await fixture.StartAsync(app);
            fixture.Gateways.Add(Client(app));
        }

        return fixture;
    }

    /// <summary>Posts a signed <c>workflow_job</c> delivery the way GitHub does.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient to, string body, string delivery, string? signWith = Secret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (signWith is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", GitHubWebhookSignature.Sign(bytes, Encoding.UTF8.GetBytes(signWith)));
        }

        return to.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Gateways)
        {
            client.Dispose();
        }

        Serve?.Dispose();
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        try
        {
            await RabbitMqTestBroker.DeleteQueuesAsync(BrokerUrl, Queue);
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException)
        {
            // A test that points at a broker that is down has no queues to clean up.
        }

        try
        {
            _dataDir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private HangarHostOptions Options() => new()
    {
        Listen = "http://127.0.0.1:0",
        LogFormat = "none",
        MinimumLogLevel = LogLevel.Warning,
        SecretOverrides = new Dictionary<string, string> { ["api"] = ApiToken, ["gh-token"] = "ghp_test", ["gh-secret"] = Secret, ["amqp"] = BrokerUrl },
    };

    private async Task StartAsync(WebApplication app)
    {
        _apps.Add(app);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static HttpClient Client(WebApplication app) => new() { BaseAddress = new Uri(HangarHost.ListeningUrls(app)[0]), Timeout = TimeSpan.FromSeconds(30) };
}
