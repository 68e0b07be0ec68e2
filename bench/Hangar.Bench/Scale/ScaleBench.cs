using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hangar.Bench.Harness;
using Hangar.Core.Jobs;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine.Reconcile;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Bench.Scale;

/// <summary>
/// Scale: the planner (BenchmarkDotNet), one store-backed converge pass (list instances, list jobs, match jobs to
/// runners, plan, execute the empty plan) and the RSS of a running server holding the state, at 1k / 10k / 50k instances
/// (10 per pool). References: the planner against linear growth from 1k; the pass against a bare read of the same rows;
/// the RSS against the same server with an empty store. With a PostgreSQL server named, the pass also runs on the
/// PostgreSQL store up to 10k (<see cref="PostgresPassBench"/>).
/// </summary>
internal sealed class ScaleBench(BenchOptions options, Report report)
{
    public async Task RunAsync(CancellationToken ct)
    {
        RunPlanner();

        var passes = new Dictionary<int, (double Pass, double Bare)>();
        foreach (var size in options.ScaleSizes)
        {
            passes[size] = await MeasurePassAsync(size, ct).ConfigureAwait(false);
        }

        foreach (var (size, (pass, bare)) in passes)
        {
            report.Add(new Figure($"scale.pass.{size / 1000}k", pass, "ms", "bare-select-of-same-rows", bare));
        }

        if (BenchPostgres.ConnectionString is { } postgres)
        {
            // Same run, same state: the PostgreSQL store judged against the SQLite figures just taken.
            foreach (var size in options.ScaleSizes.Where(s => s <= 10_000))
            {
                await new PostgresPassBench(options, report, postgres).RunAsync(size, passes[size].Pass, ct).ConfigureAwait(false);
            }
        }

        var baseline = await MeasureServerRssAsync(0, ct).ConfigureAwait(false);
        foreach (var size in options.ScaleSizes.Where(s => s >= 10_000))
        {
            var rss = await MeasureServerRssAsync(size, ct).ConfigureAwait(false);
            report.Add(new Figure($"scale.rss.{size / 1000}k", rss, "MB", "same-server-empty-store", baseline));
        }
    }

    /// <summary>The planner figures alone (<c>bench planner</c>): seconds rather than the minutes of the whole scale bench.</summary>
    public Task RunPlannerOnly()
    {
        RunPlanner();
        return Task.CompletedTask;
    }

    private void RunPlanner()
    {
        PlannerBenchmarks.Sizes = options.ScaleSizes;
        var job = BenchmarkDotNet.Jobs.Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(options.Quick ? 2 : 4)
            .WithIterationCount(options.Quick ? 5 : 12);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(new StderrLogger())
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(Path.Combine(options.WorkDir, "bdn"));
        var summary = BenchmarkRunner.Run<PlannerBenchmarks>(config);
        var medians = Medians(summary, nameof(PlannerBenchmarks.Plan));
        var walks = Medians(summary, nameof(PlannerBenchmarks.Walk));
        var smallest = options.ScaleSizes.Min();
        foreach (var (size, ms) in medians.OrderBy(m => m.Key))
        {
            report.Add(new Figure($"scale.planner.{size / 1000}k", ms, "ms", $"linear-from-{smallest / 1000}k", medians[smallest] * size / smallest));
        }

        // The target "linear" means: the planner's own work grows with the input. Against the walk of the same records
        // at the same size, cache misses that any loop over 50k records pays cancel out (see PlannerBenchmarks).
        foreach (var (size, ms) in walks.OrderBy(m => m.Key))
        {
            report.Add(new Figure($"scale.planner.walk.{size / 1000}k", ms, "ms", $"linear-from-{smallest / 1000}k", walks[smallest] * size / smallest));
        }

        foreach (var size in medians.Keys.Where(s => s != smallest).Order())
        {
            report.Add(new Figure(
                $"scale.planner.per-walk.{size / 1000}k", medians[size] / walks[size], "x", $"per-walk-at-{smallest / 1000}k", medians[smallest] / walks[smallest]));
        }
    }

    private Dictionary<int, double> Medians(BenchmarkDotNet.Reports.Summary summary, string method)
    {
        var medians = summary.Reports
            .Where(r => r.ResultStatistics is not null && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)
            .ToDictionary(r => (int)r.BenchmarkCase.Parameters["Instances"], r => r.ResultStatistics!.Median / 1e6);
        return medians.Count == options.ScaleSizes.Length
            ? medians
            : throw new InvalidOperationException($"BenchmarkDotNet produced no result for some sizes of {method}");
    }

    private async Task<(double Pass, double Bare)> MeasurePassAsync(int size, CancellationToken ct)
    {
        var dataDir = options.NewDir($"scale-{size}");
        var state = ScaleState.Build(size, DateTimeOffset.UtcNow);
        var provider = new InstantProvider("instant");
        await using var app = BenchHost.Create(dataDir, state.Pools, s => s.AddSingleton<IProvider>(provider));
        var dbPath = Path.Combine(dataDir, "hangar.db");

        // The host is not started (the pass is called directly), so nothing else migrates the file before the seed.
        await app.Services.GetRequiredService<IStore>().MigrateAsync(ct).ConfigureAwait(false);
        await state.SeedAsync(dbPath, ct).ConfigureAwait(false);
        var pass = app.Services.GetRequiredService<ConvergePass>();

        var passMs = new List<double>();
        var bareMs = new List<double>();
        var runs = options.Quick ? 5 : 15;
        for (var i = 0; i < runs + 2; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var plan = await pass.RunAsync(ct).ConfigureAwait(false);
            var took = Stats.Ms(start, Stopwatch.GetTimestamp());
            if (plan.Creates.Count + plan.Destroys.Count + plan.Routes.Count + plan.Unroutable.Count > 0)
            {
                throw new InvalidOperationException($"the steady state is not steady: {plan.Creates.Count} creates, {plan.Destroys.Count} destroys, {plan.Routes.Count} routes");
            }

            start = Stopwatch.GetTimestamp();
            await BareReadAsync(dbPath, ct).ConfigureAwait(false);
            var bare = Stats.Ms(start, Stopwatch.GetTimestamp());
            if (i >= 2)
            {
                passMs.Add(took);
                bareMs.Add(bare);
            }
        }

        Report.Say($"scale pass {size}: median {Stats.Median(passMs):0.0} ms (bare read {Stats.Median(bareMs):0.0} ms)");
        return (Stats.Median(passMs), Stats.Median(bareMs));
    }

    /// <summary>What a pass cannot avoid: reading every live instance and open job once.</summary>
    private static async Task BareReadAsync(string dbPath, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync(ct).ConfigureAwait(false);
        foreach (var sql in new[]
        {
            "SELECT * FROM instances WHERE state <> 'Deleted';",
            $"SELECT * FROM jobs WHERE status IN ({(int)JobStatus.Waiting}, {(int)JobStatus.Queued}, {(int)JobStatus.InProgress});",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                reader.GetValues(values);
            }
        }
    }

    /// <summary>Starts a server holding <paramref name="size"/> instances as a child process and reads its RSS after a few passes.</summary>
    private async Task<double> MeasureServerRssAsync(int size, CancellationToken ct)
    {
        await using var child = await ChildServer.StartAsync(["scale-host", options.NewDir($"rss-{size}"), size.ToString(System.Globalization.CultureInfo.InvariantCulture)], ct).ConfigureAwait(false);
        await child.WaitReadyAsync(TimeSpan.FromMinutes(2), ct).ConfigureAwait(false);

        // Several converge and observe passes (1 s apart) run over the state before the reading.
        await Task.Delay(TimeSpan.FromSeconds(options.Quick ? 3 : 5), ct).ConfigureAwait(false);
        var rss = ProcessMemory.RssMb(child.Pid);
        Report.Say($"scale rss {size}: {rss:0.0} MB");
        return rss;
    }
}
