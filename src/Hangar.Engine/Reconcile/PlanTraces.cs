using System.Diagnostics;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Telemetry;
using Hangar.Engine.Leases;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// The converge pass's spans (<see cref="InstanceTrace"/>): a <c>job.routed</c> span per route this replica writes and
/// an <c>instance.intent</c> span per intent, opened before the plan is stored so each intent's row carries its span's
/// context, and ended once the write is over. A pool's intents are paired, in order, with the jobs this pass routed to
/// it: that job's demand is what called for the intent (the runner may still take another matching job; its job spans
/// then link back). Intents beyond those (min_idle, demand of earlier passes) start traces of their own.
/// </summary>
internal sealed class PlanTraces : IDisposable
{
    private readonly List<Activity> _spans = [];

    /// <summary>Opens the spans and returns the intents to store, each carrying its span's context.</summary>
    public List<(LeasedWork Owner, IReadOnlyList<Instance> Intents)> Open(
        Plan plan, bool routesWritten, List<(LeasedWork Owner, IReadOnlyList<Instance> Intents)> creates)
    {
        if (!JobTrace.Source.HasListeners())
        {
            return creates;
        }

        var routed = new Dictionary<string, Queue<(JobKey Job, ActivityContext Span)>>(StringComparer.Ordinal);
        foreach (var route in plan.Routes)
        {
            var span = routesWritten ? InstanceTrace.StartRouted(route.Job, route.Pool) : null;
            Keep(span);
            if (!routed.TryGetValue(route.Pool, out var queue))
            {
                routed[route.Pool] = queue = new Queue<(JobKey, ActivityContext)>();
            }

            queue.Enqueue((route.Job, span?.Context ?? default));
        }

        var traced = new List<(LeasedWork Owner, IReadOnlyList<Instance> Intents)>(creates.Count);
        foreach (var (owner, intents) in creates)
        {
            var withContext = new Instance[intents.Count];
            for (var i = 0; i < intents.Count; i++)
            {
                var intent = intents[i];
                (JobKey Job, ActivityContext Span)? cause = routed.TryGetValue(intent.Pool, out var queue) && queue.TryDequeue(out var next) ? next : null;
                var span = InstanceTrace.StartIntent(intent, cause?.Job, cause?.Span ?? default);
                Keep(span);
                withContext[i] = span is null ? intent : intent with { TraceParent = span.Id };
            }

            traced.Add((owner, withContext));
        }

        return traced;
    }

    /// <summary>Marks every open span failed (the plan was not stored).</summary>
    public void Failed(Exception exception)
    {
        foreach (var span in _spans)
        {
            span.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        }
    }

    public void Dispose()
    {
        foreach (var span in _spans)
        {
            span.Dispose();
        }
    }

    private void Keep(Activity? span)
    {
        if (span is not null)
        {
            _spans.Add(span);
        }
    }
}
