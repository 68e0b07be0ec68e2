using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Hangar.Core.Jobs;

namespace Hangar.Core.Telemetry;

/// <summary>
/// One trace per job. The trace id and the job's root span id are derived from the job's key (SHA-256 of
/// forge/id/attempt), so every process that learns something about a job — a gateway, any <c>serve</c> replica, a pass
/// that re-checks it days later — puts its spans in the same trace without storing or passing a context around. The
/// job's own span (<see cref="JobSpanName"/>) is emitted once, when the job completes, from its queued time to then.
/// Spans carry forge, job, attempt, delivery, pool and instance ids; never a credential or a payload.
/// </summary>
public static class JobTrace
{
    public const string SourceName = "Hangar";

    public const string JobSpanName = "job";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The job's trace, its root span as parent: what a span about the job hangs under when nothing closer is known.</summary>
    public static ActivityContext JobContext(JobKey key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Forge}/{key.Id}/{key.Attempt}"), hash);
        return new ActivityContext(ActivityTraceId.CreateFromBytes(hash[..16]), ActivitySpanId.CreateFromBytes(hash[16..24]), ActivityTraceFlags.Recorded, isRemote: true);
    }

    /// <summary>A span about one event of a job, under <paramref name="parent"/> when it is in the job's trace (e.g.
    /// carried in a queue message), else under the job's root span. Null when nobody listens.</summary>
    public static Activity? StartEvent(string name, ActivityKind kind, JobEvent jobEvent, ActivityContext parent = default)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        var job = JobContext(jobEvent.Key);
        var activity = Source.StartActivity(name, kind, parent.TraceId == job.TraceId ? parent : job);
        if (activity is not null)
        {
            Tag(activity, jobEvent.Key);
            activity.SetTag("hangar.job.status", StatusName(jobEvent.Status));
            activity.SetTag("hangar.delivery.id", jobEvent.DeliveryId);
            activity.SetTag("hangar.repository", jobEvent.Repository);
            activity.SetTag("hangar.runner.name", jobEvent.RunnerName);
        }

        return activity;
    }

    /// <summary>The job's own span, from <paramref name="queuedAt"/> to <paramref name="completedAt"/>, emitted once
    /// when the job completes. .NET gives every span a random id, so this span cannot take the derived root id: it
    /// hangs under it beside the event spans, and a viewer shows the derived root as the trace's (unrecorded) root.</summary>
    public static void EmitJobSpan(JobKey key, DateTimeOffset queuedAt, DateTimeOffset completedAt, string? conclusion)
    {
        using var activity = Source.CreateActivity(JobSpanName, ActivityKind.Internal, JobContext(key));
        if (activity is null)
        {
            return;
        }

        activity.SetStartTime(queuedAt.UtcDateTime);
        Tag(activity, key);
        activity.SetTag("hangar.job.conclusion", conclusion);
        activity.Start();
        activity.SetEndTime(completedAt.UtcDateTime);
        activity.Stop();
    }

    private static void Tag(Activity activity, JobKey key)
    {
        activity.SetTag("hangar.forge", key.Forge);
        activity.SetTag("hangar.job.id", key.Id);
        activity.SetTag("hangar.job.attempt", key.Attempt);
    }

    public static string StatusName(JobStatus status) => status switch
    {
        JobStatus.Waiting => "waiting",
        JobStatus.Queued => "queued",
        JobStatus.InProgress => "in_progress",
        _ => "completed",
    };
}
