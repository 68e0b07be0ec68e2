using System.Net;
using System.Net.Http.Headers;
using Hangar.Bench.Harness;

namespace Hangar.Bench.Intake;

/// <summary>
/// A fixed amount of intake work for whole-process A/B timing (<c>bench child intake-work N CONCURRENCY hangar|floor DIR</c>, each run in a new directory under DIR):
/// the server in this process, N signed new-job deliveries sent CONCURRENCY at a time, every answer checked, then exit.
/// The work is the same in every run, so the process's CPU time and wall time compare builds (or Hangar against the
/// durable floor) pair by pair even when the machine is loaded.
/// </summary>
internal static class IntakeWork
{
    public static async Task<int> RunAsync(int count, int concurrency, string contender, string dataDir)
    {
        var bodies = new (byte[] Body, string Signature)[count];
        for (var i = 0; i < count; i++)
        {
            var body = WebhookPayloads.Queued(5_000_000_000L + i);
            bodies[i] = (body, WebhookPayloads.Sign(body));
        }

        // A fresh store every run, under the directory named: the same deliveries again would be duplicates.
        dataDir = Path.Combine(dataDir, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        await using var server = await StartAsync(contender, dataDir).ConfigureAwait(false);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        var next = -1;
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(bodies[index].Body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-GitHub-Event", "workflow_job");
                request.Headers.Add("X-GitHub-Delivery", $"work-{index}");
                request.Headers.Add("X-Hub-Signature-256", bodies[index].Signature);
                using var response = await http.SendAsync(request).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }))).ConfigureAwait(false);

        await Console.Out.WriteLineAsync($"{contender} {count} deliveries, {errors} not 202").ConfigureAwait(false);
        return errors == 0 ? 0 : 1;
    }

    public static async Task<Server> StartAsync(string contender, string dataDir)
    {
        if (contender == "floor")
        {
            var floor = await DurableFloorServer.StartAsync(dataDir, CancellationToken.None).ConfigureAwait(false);
            return new Server(floor.Url, floor);
        }

        var app = BenchHost.Create(dataDir, [], BenchHost.RemoveLoops);
        await app.StartAsync().ConfigureAwait(false);
        return new Server(BenchHost.Url(app), app);
    }

    internal sealed record Server(string Url, IAsyncDisposable Owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owned.DisposeAsync();
    }
}
