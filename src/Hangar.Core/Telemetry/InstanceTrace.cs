using System.Diagnostics;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;

namespace Hangar.Core.Telemetry;

/// <summary>
/// The actuator's side of a job's trace (<see cref="JobTrace"/>). The converge pass opens <c>job.routed</c> under the
/// job's root and <c>instance.intent</c> under it for the intent the route called for; the intent span's context is
/// stored on the instance row (<see cref="Instance.TraceParent"/>), so each later step — <c>runner.credential</c>,
/// <c>provider.create</c>, <c>runner.online</c>, <c>runner.job_started</c>, <c>runner.job_completed</c> — hangs under it
/// whichever process or replica takes it, after a restart too. An intent no route called for (<c>min_idle</c>, demand
/// of earlier passes) starts a trace of its own. Spans carry forge, pool, job and instance ids; never a credential.
/// </summary>
public static class InstanceTrace
{
    public const string RoutedSpanName = "job.routed";
    public const string IntentSpanName = "instance.intent";
    public const string CredentialSpanName = "runner.credential";
    public const string ProviderCreateSpanName = "provider.create";
    public const string OnlineSpanName = "runner.online";
    public const string JobStartedSpanName = "runner.job_started";
    public const string JobCompletedSpanName = "runner.job_completed";

    /// <summary>The route's span, under the job's root. Null when nobody listens.</summary>
    public static Activity? StartRouted(JobKey job, string pool)
    {
        var activity = JobTrace.Source.StartActivity(RoutedSpanName, ActivityKind.Internal, JobTrace.JobContext(job));
        if (activity is not null)
        {
            TagJob(activity, job);
            activity.SetTag("hangar.pool", pool);
        }

        return activity;
    }

    /// <summary>The intent's span: under the route that called for it (<paramref name="routed"/>), else under
    /// <paramref name="job"/>'s root, else the root of a trace of its own.</summary>
    public static Activity? StartIntent(Instance intent, JobKey? job, ActivityContext routed = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var parent = routed != default ? routed : job is { } key ? JobTrace.JobContext(key) : default;
        var activity = JobTrace.Source.StartActivity(IntentSpanName, ActivityKind.Internal, parent);
        if (activity is not null)
        {
            TagInstance(activity, intent);
            if (job is { } k)
            {
                TagJob(activity, k);
            }
        }

        return activity;
    }

    /// <summary>A step of <paramref name="instance"/>'s life under its intent span. Null when its intent was not traced
    /// or nobody listens.</summary>
    public static Activity? StartStep(string name, Instance instance, DateTimeOffset? startedAt = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!TryParent(instance, out var parent))
        {
            return null;
        }

        var activity = JobTrace.Source.StartActivity(name, ActivityKind.Internal, parent, startTime: startedAt ?? default);
        if (activity is not null)
        {
            TagInstance(activity, instance);
        }

        return activity;
    }

    /// <summary>A step about a job the instance ran: under the intent span when the intent was made for this very job,
    /// otherwise in the job's own trace (under its root) with a link to the intent, since a runner takes whichever
    /// matching job the forge hands it.</summary>
    public static Activity? StartJobStep(string name, Instance instance, JobKey job, DateTimeOffset? startedAt = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var root = JobTrace.JobContext(job);
        var traced = TryParent(instance, out var intent);
        var sameTrace = traced && intent.TraceId == root.TraceId;
        var activity = JobTrace.Source.StartActivity(
            name,
            ActivityKind.Internal,
            sameTrace ? intent : root,
            links: traced && !sameTrace ? [new ActivityLink(intent)] : null,
            startTime: startedAt ?? default);
        if (activity is not null)
        {
            TagInstance(activity, instance);
            TagJob(activity, job);
        }

        return activity;
    }

    /// <summary>Marks <paramref name="span"/> failed with the exception's type (never its message, which may quote a
    /// forge's or provider's answer). Always false, so it can sit in an exception filter that lets the exception go on.</summary>
    public static bool Failed(Activity? span, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        return false;
    }

    private static bool TryParent(Instance instance, out ActivityContext parent)
    {
        parent = default;
        return instance.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, isRemote: true, out parent);
    }

    private static void TagJob(Activity activity, JobKey job)
    {
        activity.SetTag("hangar.forge", job.Forge);
        activity.SetTag("hangar.job.id", job.Id);
        activity.SetTag("hangar.job.attempt", job.Attempt);
    }

    private static void TagInstance(Activity activity, Instance instance)
    {
        activity.SetTag("hangar.instance.name", instance.Name);
        activity.SetTag("hangar.pool", instance.Pool);
        activity.SetTag("hangar.provider", instance.Provider);
        if (instance.Forge is not null)
        {
            activity.SetTag("hangar.runner.forge", instance.Forge);
        }
    }
}
