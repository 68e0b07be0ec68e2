using System.Text;
using Hangar.Bench.Harness;
using Microsoft.AspNetCore.Builder;

namespace Hangar.Bench.Intake;

/// <summary>
/// Intake under load: Hangar's webhook endpoint (verify, parse, store durably, answer 202) next to a bare Kestrel
/// endpoint that only answers 202, both driven by the same wrk script in the same run. Hangar runs without its loops,
/// so the figure is intake alone; each round gets a fresh store.
/// </summary>
internal sealed class IntakeBench(BenchOptions options, Report report)
{
    private const int Threads = 2;
    private const int Connections = 32;
    private const int FixedRate = 2000;

    public async Task RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkDir);
        await using var bare = await BareServer.StartAsync("http://127.0.0.1:0", ct).ConfigureAwait(false);
        var bareUrl = bare.Urls.First();

        if (WrkResult.Available())
        {
            var file = await WriteRequestsAsync(options.Quick ? 20_000 : 50_000, ct).ConfigureAwait(false);
            var bareRuns = new List<WrkResult>();
            var hangarRuns = new List<WrkResult>();
            for (var round = 0; round < options.Rounds; round++)
            {
                await using var hangar = await StartHangarAsync(ct).ConfigureAwait(false);
                var hangarUrl = BenchHost.Url(hangar);
                await FixedRateLoad.RunAsync(hangarUrl, 500, 1, 2_000_000_000, $"warm{round}", ct).ConfigureAwait(false);
                await FixedRateLoad.RunAsync(bareUrl, 500, 1, 2_000_000_000, $"warm{round}", ct).ConfigureAwait(false);
                var order = round % 2 == 0 ? new[] { false, true } : [true, false];
                foreach (var isHangar in order)
                {
                    var result = await WrkResult.RunAsync(isHangar ? hangarUrl : bareUrl, file, $"r{round}", options.WrkSeconds, Threads, Connections, ct).ConfigureAwait(false);
                    Report.Say($"intake round {round} {(isHangar ? "hangar" : "bare")}: {result.RequestsPerSecond:0} req/s p50 {result.P50Ms:0.00} ms p99 {result.P99Ms:0.00} ms errors {result.Errors}");
                    if (result.Errors > 0)
                    {
                        throw new InvalidOperationException($"wrk saw {result.Errors} errors or non-2xx answers from {(isHangar ? "hangar" : "bare")}");
                    }

                    (isHangar ? hangarRuns : bareRuns).Add(result);
                }
            }

            var conn = $"wrk -t{Threads} -c{Connections}";
            report.Add(new Figure("intake.rps", Stats.Median(hangarRuns.Select(r => r.RequestsPerSecond)), "req/s", $"bare-kestrel({conn})", Stats.Median(bareRuns.Select(r => r.RequestsPerSecond))));
            report.Add(new Figure("intake.saturated.p50", Stats.Median(hangarRuns.Select(r => r.P50Ms)), "ms", "bare-kestrel", Stats.Median(bareRuns.Select(r => r.P50Ms))));
            report.Add(new Figure("intake.saturated.p99", Stats.Median(hangarRuns.Select(r => r.P99Ms)), "ms", "bare-kestrel", Stats.Median(bareRuns.Select(r => r.P99Ms))));
        }
        else
        {
            Report.Say("wrk not found (apt-get install wrk): skipping the saturation figures");
        }

        var bareFixed = new List<FixedRateLoad.Result>();
        var hangarFixed = new List<FixedRateLoad.Result>();
        for (var round = 0; round < options.Rounds; round++)
        {
            await using var hangar = await StartHangarAsync(ct).ConfigureAwait(false);
            var firstJob = 3_000_000_000L + (round * 1_000_000L);
            foreach (var isHangar in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var result = await FixedRateLoad.RunAsync(isHangar ? BenchHost.Url(hangar) : bareUrl, FixedRate, options.FixedRateSeconds, firstJob, $"f{round}", ct).ConfigureAwait(false);
                Report.Say($"intake fixed {FixedRate}/s round {round} {(isHangar ? "hangar" : "bare")}: p50 {result.P50Ms:0.00} ms p99 {result.P99Ms:0.00} ms achieved {result.AchievedPerSecond:0}/s errors {result.Errors}");
                if (result.Errors > 0)
                {
                    throw new InvalidOperationException($"{result.Errors} answers were not 202 at {FixedRate} req/s");
                }

                (isHangar ? hangarFixed : bareFixed).Add(result);
            }
        }

        report.Add(new Figure($"intake.p50@{FixedRate}rps", Stats.Median(hangarFixed.Select(r => r.P50Ms)), "ms", "bare-kestrel", Stats.Median(bareFixed.Select(r => r.P50Ms))));
        report.Add(new Figure($"intake.p99@{FixedRate}rps", Stats.Median(hangarFixed.Select(r => r.P99Ms)), "ms", "bare-kestrel", Stats.Median(bareFixed.Select(r => r.P99Ms))));
    }

    private async Task<WebApplication> StartHangarAsync(CancellationToken ct)
    {
        var dataDir = options.NewDir("intake");
        var app = BenchHost.Create(dataDir, [], BenchHost.RemoveLoops);
        await app.StartAsync(ct).ConfigureAwait(false);
        return app;
    }

    private async Task<string> WriteRequestsAsync(int count, CancellationToken ct)
    {
        var path = Path.Combine(options.WorkDir, "intake-requests.tsv");
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var body = WebhookPayloads.Queued(1_000_000_000L + i);
            await writer.WriteAsync($"{Guid.NewGuid():N}\t{WebhookPayloads.Sign(body)}\t{Encoding.UTF8.GetString(body)}\n".AsMemory(), ct).ConfigureAwait(false);
        }

        return path;
    }
}
