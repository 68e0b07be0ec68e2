using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Forges.Tests.GitHub.Budget;

/// <summary><c>hangar.forge.requests</c> (<c>hangar_forge_requests_total</c>): every request by loop, kind, priority and
/// result, deferred calls included.</summary>
public sealed class ForgeRequestMetricsTests
{
    private static readonly ForgeTarget Org = ForgeTarget.Organization("acme");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_MadeInsideLoopScopes_AreCountedPerLoopKindPriorityAndResult()
    {
        var clock = new TimerRecordingTimeProvider();
        var reset = clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        (string, string)[] low = [("x-ratelimit-limit", "5000"), ("x-ratelimit-remaining", "100"), ("x-ratelimit-reset", reset)];
        var handler = new RecordingHandler()
            .Respond(HttpStatusCode.OK, TestForge.Runners(), [("ETag", "W/\"1\""), .. low])
            .Respond(HttpStatusCode.NotModified, null, low)
            .Respond(HttpStatusCode.Created, TestForge.JitResponse(1, "r"), low);
        var name = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        using var forge = new GitHubForge(
            new GitHubForgeOptions { Name = name, Token = TestForge.Token }, new HttpClient(handler), NullLogger<GitHubForge>.Instance, clock);
        using var recorded = new RecordedRequests("hangar.forge.requests");

        await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        using (ForgeCallScope.Begin("runner-status", ForgePriority.Provision))
        {
            await forge.ListRunnersAsync(Org, cancellationToken: Ct).WaitAsync(TestForge.Timeout, Ct);
        }

        using (ForgeCallScope.Begin("stale-jobs", ForgePriority.Observe))
        {
            await Should.ThrowAsync<ForgeBudgetExceededException>(() => forge.ListQueuedJobsAsync("acme/app", Ct).WaitAsync(TestForge.Timeout, Ct));
        }

        using (ForgeCallScope.Begin("converge", ForgePriority.Provision))
        {
            await forge.CreateRunnerCredentialAsync(Org, new RunnerRequest("r", ["linux"], null), Ct).WaitAsync(TestForge.Timeout, Ct);
        }

        recorded.For(name).ShouldBe(
        [
            "none list_runners observe ok",
            "runner-status list_runners provision not_modified",
            "stale-jobs list_runs sweep deferred",
            "converge mint_runner provision ok",
        ]);
    }

    /// <summary>Listens to one instrument; measurements from other tests' forges are told apart by the forge tag.</summary>
    private sealed class RecordedRequests : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Forge, string Text)> _measurements = [];

        public RecordedRequests(string instrument)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == ForgeRequestMetrics.MeterName && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                var tag = new Dictionary<string, object?>();
                foreach (var t in tags)
                {
                    tag[t.Key] = t.Value;
                }

                lock (_measurements)
                {
                    _measurements.Add(((string)tag["forge"]!, $"{tag["loop"]} {tag["kind"]} {tag["priority"]} {tag["result"]}"));
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<string> For(string forge)
        {
            lock (_measurements)
            {
                return [.. _measurements.Where(m => m.Forge == forge).Select(m => m.Text)];
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
