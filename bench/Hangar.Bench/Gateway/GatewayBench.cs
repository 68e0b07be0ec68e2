using System.Text;
using Hangar.Bench.Harness;
using Hangar.Bench.Intake;
using Hangar.Configuration;
using Hangar.Forges.GitHub;
using Hangar.Server;
using Hangar.Server.Gateway;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Hangar.Bench.Gateway;

/// <summary>
/// <c>hangar gateway</c> under load (verify, publish a persistent message to a durable queue, wait for the broker's
/// confirm, answer 202) next to <c>serve</c>'s own intake (verify, store durably, answer 202), driven by the same wrk
/// script in the same rounds. The broker is the one named by <c>HANGAR_BENCH_RABBITMQ</c> or <c>HANGAR_TEST_RABBITMQ</c>
/// (eng/start-rabbitmq.sh), on this machine: it competes for the same cores, as it would on a single-node deployment.
/// Nothing consumes during the run, so the figure is the gateway's and the broker's, not a consumer's.
/// </summary>
internal sealed class GatewayBench(BenchOptions options, Report report)
{
    private const int Threads = 2;
    private const int Connections = 32;

    public async Task RunAsync(CancellationToken ct)
    {
        var broker = Environment.GetEnvironmentVariable("HANGAR_BENCH_RABBITMQ") is { Length: > 0 } named ? named
            : Environment.GetEnvironmentVariable("HANGAR_TEST_RABBITMQ") is { Length: > 0 } test ? test
            : throw new InvalidOperationException("no RabbitMQ named: start one with `bash eng/start-rabbitmq.sh` and set HANGAR_BENCH_RABBITMQ (or HANGAR_TEST_RABBITMQ) to its amqp:// URL");
        if (!WrkResult.Available())
        {
            throw new InvalidOperationException("wrk not found (apt-get install wrk): the gateway figures need it");
        }

        var file = await WriteRequestsAsync(options.Quick ? 20_000 : 50_000, ct).ConfigureAwait(false);
        var gateway = new List<WrkResult>();
        var serve = new List<WrkResult>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var queue = $"bench.gateway.{Guid.NewGuid():N}";
            await using var gatewayApp = GatewayHost.Create(Config(options.NewDir("gateway"), queue), new HangarHostOptions
            {
                Listen = "http://127.0.0.1:0",
                LogFormat = "none",
                MinimumLogLevel = LogLevel.Warning,
                SecretOverrides = new Dictionary<string, string> { ["token"] = BenchHost.Token, ["secret"] = BenchHost.Secret, ["amqp"] = broker },
            });
            await gatewayApp.StartAsync(ct).ConfigureAwait(false);
            await using var serveApp = BenchHost.Create(options.NewDir("serve"), [], BenchHost.RemoveLoops);
            await serveApp.StartAsync(ct).ConfigureAwait(false);
            var urls = new Dictionary<string, string> { ["gateway"] = BenchHost.Url(gatewayApp), ["serve"] = BenchHost.Url(serveApp) };
            foreach (var url in urls.Values)
            {
                await FixedRateLoad.RunAsync(url, 500, 1, 2_000_000_000, $"warm{round}", ct).ConfigureAwait(false);
            }

            foreach (var contender in round % 2 == 0 ? new[] { "gateway", "serve" } : ["serve", "gateway"])
            {
                var result = await WrkResult.RunAsync(urls[contender], file, $"g{round}", options.WrkSeconds, Threads, Connections, ct).ConfigureAwait(false);
                Report.Say($"gateway round {round} {contender}: {result.RequestsPerSecond:0} req/s p50 {result.P50Ms:0.00} ms p99 {result.P99Ms:0.00} ms errors {result.Errors} load {Load()}");
                if (result.Errors > 0)
                {
                    throw new InvalidOperationException($"wrk saw {result.Errors} errors or non-2xx answers from {contender}");
                }

                (contender == "gateway" ? gateway : serve).Add(result);
            }

            await DeleteQueueAsync(broker, queue, ct).ConfigureAwait(false);
        }

        var conn = $"wrk -t{Threads} -c{Connections}";
        report.Add(new Figure("gateway.rps", Stats.Median(gateway.Select(r => r.RequestsPerSecond)), "req/s", $"serve-intake({conn})", Stats.Median(serve.Select(r => r.RequestsPerSecond))));
        report.Add(new Figure("gateway.saturated.p50", Stats.Median(gateway.Select(r => r.P50Ms)), "ms", "serve-intake", Stats.Median(serve.Select(r => r.P50Ms))));
        report.Add(new Figure("gateway.saturated.p99", Stats.Median(gateway.Select(r => r.P99Ms)), "ms", "serve-intake", Stats.Median(serve.Select(r => r.P99Ms))));
    }

    /// <summary>The 1-minute load average: the machine is shared, and the figures mean little without it.</summary>
    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static HangarConfig Config(string dataDir, string queue) => new()
    {
        Server = new ServerConfig { DataDir = dataDir },
        Forges = new Dictionary<string, ForgeConfig>
        {
            ["github"] = new()
            {
                GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = "http://127.0.0.1:9/" },
                Token = new SecretRef("token"),
                WebhookSecret = new SecretRef("secret"),
            },
        },
        Intake = new IntakeConfig { RabbitMq = new RabbitMqIntakeConfig { Url = new SecretRef("amqp"), Queue = queue } },
    };

    private static async Task DeleteQueueAsync(string broker, string queue, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync(ct).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false);
        await channel.QueueDeleteAsync(queue, cancellationToken: ct).ConfigureAwait(false);
        await channel.QueueDeleteAsync(queue + ".dead", cancellationToken: ct).ConfigureAwait(false);
    }

    private async Task<string> WriteRequestsAsync(int count, CancellationToken ct)
    {
        var path = Path.Combine(options.WorkDir, "gateway-requests.tsv");
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var body = WebhookPayloads.Queued(5_000_000_000L + i);
            await writer.WriteAsync($"{Guid.NewGuid():N}\t{WebhookPayloads.Sign(body)}\t{Encoding.UTF8.GetString(body)}\n".AsMemory(), ct).ConfigureAwait(false);
        }

        return path;
    }
}
