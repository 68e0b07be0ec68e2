using System.Runtime;
using System.Text;
using Hangar.Bench.Harness;
using Hangar.Configuration;
using Microsoft.AspNetCore.Builder;

namespace Hangar.Bench.Intake;

/// <summary>
/// Intake under load: Hangar's webhook endpoint (verify, parse, store durably, answer 202) next to a bare Kestrel
/// endpoint that only answers 202 and the durable floor (<see cref="DurableFloorServer"/>: read, verify, one row per
/// delivery through the same group commit), all driven by the same wrk script in the same run. Hangar runs without its loops,
/// so the figure is intake alone; each round gets a fresh store. With a PostgreSQL server named (see
/// <see cref="BenchPostgres"/>), Hangar on the PostgreSQL store runs in the same rounds, judged against Hangar on SQLite.
/// </summary>
internal sealed class IntakeBench(BenchOptions options, Report report)
{
    private const int Threads = 2;
    private const int Connections = 32;
    private const int FixedRate = 2000;
    private const string Bare = "bare";
    private const string Floor = "durable-floor";
    private const string Sqlite = "hangar";
    private const string Postgres = "hangar-postgres";
    private const int MinWarmSeconds = 2;
    private const int MaxWarmSeconds = 30;
    private const int QuietJitMethods = 10;

    public async Task RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkDir);
        await using var bare = await BareServer.StartAsync("http://127.0.0.1:0", ct).ConfigureAwait(false);
        var bareUrl = bare.Urls.First();
        var postgres = BenchPostgres.ConnectionString;
        string[] stores = postgres is null ? [Sqlite] : [Sqlite, Postgres];
        if (postgres is null)
        {
            Report.Say("no PostgreSQL named (HANGAR_BENCH_POSTGRES or HANGAR_TEST_POSTGRES): intake is measured on SQLite only");
        }

        if (WrkResult.Available())
        {
            var file = await WriteRequestsAsync(options.Quick ? 20_000 : 50_000, ct).ConfigureAwait(false);
            var runs = new Dictionary<string, List<WrkResult>> { [Bare] = [], [Floor] = [], [Sqlite] = [], [Postgres] = [] };
            for (var round = 0; round < options.Rounds; round++)
            {
                await using var floor = await DurableFloorServer.StartAsync(options.NewDir("floor"), ct).ConfigureAwait(false);
                var urls = new Dictionary<string, string> { [Bare] = bareUrl, [Floor] = floor.Url };
                await using var hangars = new Hangars();
                foreach (var store in stores)
                {
                    urls[store] = await hangars.StartAsync(options.NewDir("intake"), store, postgres, ct).ConfigureAwait(false);
                }

                await WarmAsync(urls, round, ct).ConfigureAwait(false);

                foreach (var contender in Rotate([.. urls.Keys], round))
                {
                    var result = await WrkResult.RunAsync(urls[contender], file, $"r{round}", options.WrkSeconds, Threads, Connections, ct).ConfigureAwait(false);
                    Report.Say($"intake round {round} {contender}: {result.RequestsPerSecond:0} req/s p50 {result.P50Ms:0.00} ms p99 {result.P99Ms:0.00} ms errors {result.Errors}");
                    if (result.Errors > 0)
                    {
                        throw new InvalidOperationException($"wrk saw {result.Errors} errors or non-2xx answers from {contender}");
                    }

                    runs[contender].Add(result);
                }
            }

            var conn = $"wrk -t{Threads} -c{Connections}";
            report.Add(new Figure("intake.rps", Stats.Median(runs[Sqlite].Select(r => r.RequestsPerSecond)), "req/s", $"bare-kestrel({conn})", Stats.Median(runs[Bare].Select(r => r.RequestsPerSecond))));
            report.Add(new Figure("intake.rps.vs-floor", Stats.Median(runs[Sqlite].Select(r => r.RequestsPerSecond)), "req/s", "durable-floor", Stats.Median(runs[Floor].Select(r => r.RequestsPerSecond))));
            report.Add(new Figure("intake.saturated.p50", Stats.Median(runs[Sqlite].Select(r => r.P50Ms)), "ms", "bare-kestrel", Stats.Median(runs[Bare].Select(r => r.P50Ms))));
            report.Add(new Figure("intake.saturated.p99", Stats.Median(runs[Sqlite].Select(r => r.P99Ms)), "ms", "bare-kestrel", Stats.Median(runs[Bare].Select(r => r.P99Ms))));
            if (runs[Postgres].Count > 0)
            {
                report.Add(new Figure("intake.postgres.rps", Stats.Median(runs[Postgres].Select(r => r.RequestsPerSecond)), "req/s", "sqlite", Stats.Median(runs[Sqlite].Select(r => r.RequestsPerSecond))));
                report.Add(new Figure("intake.postgres.saturated.p99", Stats.Median(runs[Postgres].Select(r => r.P99Ms)), "ms", "sqlite", Stats.Median(runs[Sqlite].Select(r => r.P99Ms))));
            }
        }
        else
        {
            Report.Say("wrk not found (apt-get install wrk): skipping the saturation figures");
        }

        var fixedRuns = new Dictionary<string, List<FixedRateLoad.Result>> { [Bare] = [], [Floor] = [], [Sqlite] = [], [Postgres] = [] };
        for (var round = 0; round < options.Rounds; round++)
        {
            await using var floor = await DurableFloorServer.StartAsync(options.NewDir("floor"), ct).ConfigureAwait(false);
            var urls = new Dictionary<string, string> { [Bare] = bareUrl, [Floor] = floor.Url };
            await using var hangars = new Hangars();
            foreach (var store in stores)
            {
                urls[store] = await hangars.StartAsync(options.NewDir("intake"), store, postgres, ct).ConfigureAwait(false);
            }

            await WarmAsync(urls, round, ct).ConfigureAwait(false);
            var firstJob = 3_000_000_000L + (round * 1_000_000L);
            foreach (var contender in Rotate([.. urls.Keys], round))
            {
                var result = await FixedRateLoad.RunAsync(urls[contender], FixedRate, options.FixedRateSeconds, firstJob, $"f{round}", ct).ConfigureAwait(false);
                Report.Say($"intake fixed {FixedRate}/s round {round} {contender}: p50 {result.P50Ms:0.00} ms p99 {result.P99Ms:0.00} ms achieved {result.AchievedPerSecond:0}/s errors {result.Errors}");
                if (result.Errors > 0)
                {
                    throw new InvalidOperationException($"{result.Errors} answers were not 202 at {FixedRate} req/s from {contender}");
                }

                fixedRuns[contender].Add(result);
            }
        }

        report.Add(new Figure($"intake.p50@{FixedRate}rps", Stats.Median(fixedRuns[Sqlite].Select(r => r.P50Ms)), "ms", "bare-kestrel", Stats.Median(fixedRuns[Bare].Select(r => r.P50Ms))));
        report.Add(new Figure($"intake.p99@{FixedRate}rps", Stats.Median(fixedRuns[Sqlite].Select(r => r.P99Ms)), "ms", "bare-kestrel", Stats.Median(fixedRuns[Bare].Select(r => r.P99Ms))));
        report.Add(new Figure($"intake.p99@{FixedRate}rps.vs-floor", Stats.Median(fixedRuns[Sqlite].Select(r => r.P99Ms)), "ms", "durable-floor", Stats.Median(fixedRuns[Floor].Select(r => r.P99Ms))));
        if (fixedRuns[Postgres].Count > 0)
        {
            report.Add(new Figure($"intake.postgres.p50@{FixedRate}rps", Stats.Median(fixedRuns[Postgres].Select(r => r.P50Ms)), "ms", "sqlite", Stats.Median(fixedRuns[Sqlite].Select(r => r.P50Ms))));
            report.Add(new Figure($"intake.postgres.p99@{FixedRate}rps", Stats.Median(fixedRuns[Postgres].Select(r => r.P99Ms)), "ms", "sqlite", Stats.Median(fixedRuns[Sqlite].Select(r => r.P99Ms))));
        }
    }

    /// <summary>
    /// Warms each contender at 1,000 req/s, a second at a time, until a second in which the JIT compiled fewer than
    /// <see cref="QuietJitMethods"/> methods: its path is then tiered up, and the figure is a running server's, not its
    /// first seconds'. With a fixed 2 s warm-up Hangar's longer path was still being recompiled while measured (1,777
    /// methods in 8 s of wrk; its CPU per request was 161 µs against 76 µs once quiet, the floor's 85 and 76).
    /// </summary>
    private static async Task WarmAsync(Dictionary<string, string> urls, int round, CancellationToken ct)
    {
        foreach (var (contender, url) in urls)
        {
            var second = 0;
            long compiled;
            do
            {
                second++;
                var before = JitInfo.GetCompiledMethodCount();
                await FixedRateLoad.RunAsync(url, 1000, 1, 2_000_000_000L + (round * 10_000_000L) + (second * 100_000L), $"warm{round}-{second}", ct).ConfigureAwait(false);
                compiled = JitInfo.GetCompiledMethodCount() - before;
            }
            while ((second < MinWarmSeconds || compiled >= QuietJitMethods) && second < MaxWarmSeconds);

            Report.Say($"intake round {round} {contender}: warmed {second} s (JIT compiled {compiled} methods in the last second)");
        }
    }

    /// <summary>Each round starts with another contender, so none always runs on the coolest (or hottest) machine.</summary>
    private static IEnumerable<string> Rotate(string[] contenders, int round) =>
        contenders.Skip(round % contenders.Length).Concat(contenders.Take(round % contenders.Length));

    /// <summary>One round's Hangar servers, each on a fresh store (a new SQLite file, a new PostgreSQL schema).</summary>
    private sealed class Hangars : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];

        public async Task<string> StartAsync(string dataDir, string store, string? postgres, CancellationToken ct)
        {
            (StoreConfig, string)? storeConfig = null;
            if (store == Postgres)
            {
                var schema = await BenchPostgres.CreateSchemaAsync(postgres!, ct).ConfigureAwait(false);
                _owned.Add(schema);
                storeConfig = (BenchPostgres.Store, schema.ConnectionString);
            }

            var app = BenchHost.Create(dataDir, [], BenchHost.RemoveLoops, store: storeConfig);
            _owned.Insert(0, app);
            await app.StartAsync(ct).ConfigureAwait(false);
            return BenchHost.Url(app);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var owned in _owned)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }
        }
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
