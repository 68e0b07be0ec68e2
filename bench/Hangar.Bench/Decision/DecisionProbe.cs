using System.Collections.Concurrent;
using System.Diagnostics;
using Hangar.Bench.Harness;
using Hangar.Core.Telemetry;

namespace Hangar.Bench.Decision;

/// <summary>
/// Where a decision's time goes, from Hangar's own spans (<see cref="JobTrace"/>, <see cref="InstanceTrace"/>) heard by
/// a listener in the bench, so the server carries no probe of its own. Each job's path is cut into steps: the webhook's
/// intake (read, verify, parse, the event's commit), the wake-up and the pass up to its plan, the plan's commit (route
/// and intent), what comes before the credential (the move to provisioning), the credential's loopback call, and what
/// comes before the provider's create (the instance token's commit). The bench prints each step's p50 and p99 and which
/// step the slowest decisions lost their time in.
/// </summary>
internal sealed class DecisionProbe : IDisposable
{
    private static readonly string[] Steps = ["intake", "wake+plan", "plan commit", "to credential", "credential", "to create"];

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly List<double[]> _decisions = [];

    public DecisionProbe()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == JobTrace.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ended.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Forgets what ended so far (the spans of the previous job's completion).</summary>
    public void Reset() => _ended.Clear();

    /// <summary>Cuts the spans heard since <see cref="Reset"/> into one decision's steps (ms); false when one was missing.</summary>
    public bool Take(bool keep)
    {
        var spans = _ended.ToArray();
        var stored = spans.FirstOrDefault(a => a.OperationName == "job.stored");
        var routed = spans.FirstOrDefault(a => a.OperationName == InstanceTrace.RoutedSpanName);
        var intent = spans.FirstOrDefault(a => a.OperationName == InstanceTrace.IntentSpanName);
        var credential = spans.FirstOrDefault(a => a.OperationName == InstanceTrace.CredentialSpanName);
        var create = spans.FirstOrDefault(a => a.OperationName == InstanceTrace.ProviderCreateSpanName);
        if (stored is null || routed is null || intent is null || credential is null || create is null)
        {
            return false;
        }

        if (keep)
        {
            _decisions.Add(
            [
                Ms(stored.Duration),
                Ms(routed.StartTimeUtc - End(stored)),
                Ms(End(intent) - routed.StartTimeUtc),
                Ms(credential.StartTimeUtc - End(intent)),
                Ms(credential.Duration),
                Ms(create.StartTimeUtc - End(credential)),
            ]);
        }

        return true;
    }

    /// <summary>Each step's p50/p99, and the step that took the most time in each of the slowest 1 % of decisions.</summary>
    public void Say()
    {
        if (_decisions.Count == 0)
        {
            return;
        }

        for (var s = 0; s < Steps.Length; s++)
        {
            var step = _decisions.Select(d => d[s]).ToList();
            Report.Say($"decision step {Steps[s]}: p50 {Stats.Percentile(step, 0.5):0.000} ms p99 {Stats.Percentile(step, 0.99):0.000} ms max {step.Max():0.000} ms");
        }

        var slowest = _decisions.OrderByDescending(d => d.Sum()).Take(Math.Max(1, _decisions.Count / 100)).ToList();
        foreach (var d in slowest)
        {
            var worst = Array.IndexOf(d, d.Max());
            Report.Say($"decision slow one: {d.Sum():0.00} ms in steps, most in {Steps[worst]} ({d[worst]:0.00} ms): " + string.Join(", ", d.Select((v, i) => $"{Steps[i]} {v:0.00}")));
        }
    }

    public void Dispose() => _listener.Dispose();

    private static DateTime End(Activity activity) => activity.StartTimeUtc + activity.Duration;

    private static double Ms(TimeSpan span) => span.TotalMilliseconds;
}
