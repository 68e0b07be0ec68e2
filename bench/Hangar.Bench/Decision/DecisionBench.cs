using System.Diagnostics;
using System.Net.Http.Headers;
using Hangar.Bench.Harness;
using Hangar.Bench.Intake;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Bench.Decision;

/// <summary>
/// Decision latency: a <c>queued</c> webhook reaching the server → the provider's create being called, with the real
/// server, the emulator as the forge (no delay) and a provider that returns at once. Jobs go one at a time and each runs
/// its full life (the bench reports it completed; Hangar drains and deletes the runner), so every job meets the same
/// steady state. Reference: the I/O the path cannot avoid, measured between jobs — three durable SQLite commits (the
/// event; the route with the intent; the move to provisioning) and one loopback HTTP round trip (the JIT credential).
/// </summary>
internal sealed class DecisionBench(BenchOptions options, Report report)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken ct)
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Token = BenchHost.Token,
            WebhookSecret = BenchHost.Secret,
            RedeliverFailedWebhooks = false,
        }, ct).ConfigureAwait(false);

        var provider = new InstantProvider("instant");
        var edge = new EdgeStamps();
        var dataDir = options.NewDir("decision");
        await using var app = BenchHost.Create(
            dataDir,
            [BenchHost.Pool("decide", provider.Name, maxRunners: 100)],
            services =>
            {
                services.AddSingleton<IProvider>(provider);
                services.AddSingleton<IStartupFilter>(edge);
            },
            forgeApi: emulator.ApiUrl);
        await app.StartAsync(ct).ConfigureAwait(false);
        var url = BenchHost.Url(app);
        var store = app.Services.GetRequiredService<IStore>();
        emulator.SetWebhook(new Uri(url + "/webhooks/github"), BenchHost.Secret);

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = StepTimeout };
        await using var floor = await IoFloor.OpenAsync(Path.Combine(dataDir, "floor.db"), http, ct).ConfigureAwait(false);

        var decisions = new List<double>();
        var floors = new List<double>();
        using var probe = new DecisionProbe();
        var unprobed = 0;
        var warmup = Math.Min(50, options.DecisionJobs / 10);
        for (var i = 0; i < options.DecisionJobs + warmup; i++)
        {
            var created = new TaskCompletionSource<(RunnerSpec Spec, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
            provider.OnCreate = (spec, at) => created.TrySetResult((spec, at));
            edge.Received.Clear();
            probe.Reset();

            var job = emulator.QueueJobs(new JobRequest { Repository = BenchHost.Repository, Labels = ["self-hosted", .. BenchHost.PoolLabels], Count = 1 })[0];
            (RunnerSpec Spec, long At) made;
            try
            {
                made = await created.Task.WaitAsync(StepTimeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"job {job.Id} (#{i}): no create call within {StepTimeout.TotalSeconds} s; {await DescribeAsync(store, ct).ConfigureAwait(false)}");
            }

            var (spec, createdAt) = made;
            if (!edge.Received.TryPeek(out var receivedAt))
            {
                throw new InvalidOperationException($"job {job.Id}: create called without a webhook seen at the edge");
            }

            if (i >= warmup)
            {
                decisions.Add(Stats.Ms(receivedAt, createdAt));
            }

            // Finish the job's life so the next one meets the same state: completed → drained → deleted. The completion
            // is sent once the runner is booting (a real runner cannot finish a job before its machine exists).
            await WaitForStateAsync(store, spec.Name, InstanceState.Booting, ct).ConfigureAwait(false);
            if (!probe.Take(keep: i >= warmup))
            {
                unprobed++;
            }

            var deleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            provider.OnDelete = name =>
            {
                if (name == spec.Name)
                {
                    deleted.TrySetResult();
                }
            };
            await PostCompletedAsync(http, job.Id, spec.Name, ct).ConfigureAwait(false);
            await deleted.Task.WaitAsync(StepTimeout, ct).ConfigureAwait(false);

            if (i >= warmup)
            {
                floors.Add(await floor.MeasureAsync(ct).ConfigureAwait(false));
            }
        }

        probe.Say();
        Report.Say($"decision: {unprobed} jobs' spans were not all heard");
        Report.Say($"decision: {decisions.Count} jobs, p50 {Stats.Percentile(decisions, 0.5):0.00} ms p99 {Stats.Percentile(decisions, 0.99):0.00} ms max {decisions.Max():0.00} ms; io floor p50 {Stats.Percentile(floors, 0.5):0.00} ms");
        report.Add(new Figure("decision.p50", Stats.Percentile(decisions, 0.5), "ms", "io-floor(3 fsync commits + 1 loopback http) p50", Stats.Percentile(floors, 0.5)));
        report.Add(new Figure("decision.p99", Stats.Percentile(decisions, 0.99), "ms", "io-floor p99", Stats.Percentile(floors, 0.99)));
    }

    /// <summary>What the store held when a step timed out: the live instances and the open jobs.</summary>
    private static async Task<string> DescribeAsync(IStore store, CancellationToken ct)
    {
        var instances = await store.ListInstancesAsync(InstanceQuery.Live, ct).ConfigureAwait(false);
        var jobs = await store.ListJobsAsync(JobQuery.Open with { Limit = 20 }, ct).ConfigureAwait(false);
        return "live instances: [" + string.Join("; ", instances.Select(i => $"{i.Name} {i.State} since {i.StateChangedAt:HH:mm:ss.fff} ({i.LastReason})"))
            + "]; open jobs: [" + string.Join("; ", jobs.Select(j => $"{j.Id} {j.Status} pool={j.Pool ?? "-"} runner={j.RunnerName ?? "-"} updated {j.UpdatedAt:HH:mm:ss.fff}")) + "]";
    }

    private static async Task WaitForStateAsync(IStore store, string name, InstanceState state, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while ((await store.GetInstanceAsync(name, ct).ConfigureAwait(false))?.State != state)
        {
            if (deadline.Elapsed > StepTimeout)
            {
                throw new TimeoutException($"instance {name} never reached {state}");
            }

            await Task.Delay(1, ct).ConfigureAwait(false);
        }
    }

    private static async Task PostCompletedAsync(HttpClient http, long jobId, string runnerName, CancellationToken ct)
    {
        var body = WebhookPayloads.Completed(jobId, runnerName, runnerId: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-GitHub-Delivery", "bench-" + Guid.NewGuid().ToString("N"));
        request.Headers.Add("X-Hub-Signature-256", WebhookPayloads.Sign(body));
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The unavoidable I/O of one decision, done bare: three durable commits and one loopback round trip.</summary>
    private sealed class IoFloor(SqliteConnection connection, HttpClient http) : IAsyncDisposable
    {
        private long _next;

        public static async Task<IoFloor> OpenAsync(string path, HttpClient http, CancellationToken ct)
        {
            var connection = new SqliteConnection($"Data Source={path};Pooling=false");
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var setup = connection.CreateCommand();
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);";
            await setup.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return new IoFloor(connection, http);
        }

        public async Task<double> MeasureAsync(CancellationToken ct)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < 3; i++)
            {
                await using var transaction = connection.BeginTransaction(deferred: false);
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO t (id, v) VALUES ($id, 'x');";
                insert.Parameters.AddWithValue("$id", ++_next);
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }

            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return Stats.Ms(start, Stopwatch.GetTimestamp());
        }

        public async ValueTask DisposeAsync() => await connection.DisposeAsync().ConfigureAwait(false);
    }
}
