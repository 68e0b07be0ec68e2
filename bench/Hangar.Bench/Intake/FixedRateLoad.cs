using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Hangar.Bench.Harness;

namespace Hangar.Bench.Intake;

/// <summary>
/// Open-loop load: requests leave at a fixed rate whatever the server does, and each latency is counted from the moment
/// its request was due (not sent), so a stalled server cannot hide its stall (no coordinated omission).
/// </summary>
internal static class FixedRateLoad
{
    public sealed record Result(double P50Ms, double P99Ms, double AchievedPerSecond, int Errors);

    public static async Task<Result> RunAsync(string url, int rate, int seconds, long firstJobId, string salt, CancellationToken ct)
    {
        var total = rate * seconds;
        var bodies = new (byte[] Body, string Signature)[total];
        for (var i = 0; i < total; i++)
        {
            var body = WebhookPayloads.Queued(firstJobId + i);
            bodies[i] = (body, WebhookPayloads.Sign(body));
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

        // Warm the connection pool and the server's paths before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => SendAsync(http, WebhookPayloads.Queued(firstJobId - 1 - i), $"{salt}-warm-{i}", ct))).ConfigureAwait(false);

        var latencies = new double[total];
        var errors = 0;
        var tasks = new Task[total];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1, ct).ConfigureAwait(false);
            }

            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                var status = await SendAsync(http, bodies[index].Body, $"{salt}-{index}", ct, bodies[index].Signature).ConfigureAwait(false);
                latencies[index] = Stats.Ms(due, Stopwatch.GetTimestamp());
                if (status != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref errors);
                }
            }, ct);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stats.Ms(start, Stopwatch.GetTimestamp()) / 1000;
        return new Result(Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.99), total / elapsed, errors);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, byte[] body, string delivery, CancellationToken ct, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-Hub-Signature-256", signature ?? WebhookPayloads.Sign(body));
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        return response.StatusCode;
    }
}
