using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Demand;

/// <summary>
/// Forgejo's demand source: every forge that is polled (<see cref="IForgeJobQueue"/>, <c>mode: poll</c>) has its job
/// queue read at each enabled pool's target with the pool's full label set. A waiting job is demand (queued), a running
/// one in progress; a job Hangar holds open that is gone from every successful read of its forge's queue has finished
/// (the queue lists waiting and running jobs only), so it is completed. Sightings go to the sink without a dedupe key:
/// the forward-only rule decides. Level-triggered: after a restart the open jobs in the store are what the first read is
/// compared with, so a crash loses nothing.
/// </summary>
/// <remarks>A source that must run once across replicas: <see cref="DemandSourceHost"/> is where a lease gates it.</remarks>
internal sealed class ForgeJobQueuePoller(
    IEnumerable<IForgeJobQueue> queues,
    IStore store,
    PoolCatalog pools,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<ForgeJobQueuePoller> logger) : IDemandSource
{
    public const string SourceName = "forge-job-queue";

    private readonly IReadOnlyList<IForgeJobQueue> _queues = [.. queues];
    private readonly JobAttempts _attempts = new(store);
    private readonly Dictionary<string, HashSet<JobKey>> _open = new(StringComparer.Ordinal);

    public string Name => SourceName;

    public async Task RunAsync(IJobEventSink sink, CancellationToken cancellationToken)
    {
        if (_queues.Count == 0)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var timer = new PeriodicTimer(_queues.Min(q => q.PollInterval), time);
        do
        {
            foreach (var queue in _queues)
            {
                try
                {
                    await PollAsync(queue, sink, cancellationToken).ConfigureAwait(false);
                    metrics.LoopPass(Name);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A store hiccup costs this poll of this forge, not the source: the next tick tries again.
                    DemandLog.QueuePollFailed(logger, queue.Name, ErrorText.Describe(ex));
                    metrics.LoopFailure(Name);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One read of one forge's queue at every target its pools serve, then what vanished.</summary>
    public async Task PollAsync(IForgeJobQueue queue, IJobEventSink sink, CancellationToken ct)
    {
        using var caller = ForgeCallScope.Begin(Name, ForgePriority.Observe);
        var open = _open.TryGetValue(queue.Name, out var known) ? known : await OpenJobsAsync(queue.Name, ct).ConfigureAwait(false);
        var seen = new HashSet<JobKey>();
        var complete = true;
        var reads = pools.All
            .Where(p => p.Enabled && p.Forge == queue.Name)
            .Select(p => (p.Target, Labels: p.Labels.Order(StringComparer.Ordinal).ToArray()))
            .DistinctBy(r => (r.Target, string.Join(',', r.Labels)));
        foreach (var (target, labels) in reads)
        {
            IReadOnlyList<QueuedForgeJob> jobs;
            try
            {
                jobs = await queue.ListJobQueueAsync(target, labels, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                complete = false;
                DemandLog.QueuePollFailed(logger, $"{queue.Name}:{target}", ErrorText.Describe(ex));
                continue;
            }

            foreach (var job in jobs)
            {
                var key = await _attempts.KeyOfAsync(queue.Name, job, ct).ConfigureAwait(false);
                if (seen.Add(key))
                {
                    await SubmitAsync(sink, queue.Name, key, job, ct).ConfigureAwait(false);
                }
            }
        }

        // Forgejo cannot look one job up, so the stale-jobs pass hears "unknown" for a job that merely waits long: each
        // sighting in the queue is a look-up that found it, which keeps such a job from being closed as gone.
        if (seen.Count > 0)
        {
            await store.RecordJobChecksAsync([.. seen.Select(k => new JobCheck(k, Found: true))], options.Loops.CloseUnknownJobsAfter, time.GetUtcNow(), ct).ConfigureAwait(false);
        }

        if (complete)
        {
            foreach (var gone in open.Where(k => !seen.Contains(k)))
            {
                await CompleteAsync(sink, gone, ct).ConfigureAwait(false);
            }

            _open[queue.Name] = seen;
        }
        else
        {
            // A failed read proves nothing about what vanished: keep everything open for the next complete poll.
            open.UnionWith(seen);
            _open[queue.Name] = open;
        }
    }

    private async Task SubmitAsync(IJobEventSink sink, string forge, JobKey key, QueuedForgeJob job, CancellationToken ct)
    {
        var outcome = await sink.SubmitAsync(new JobEvent
        {
            Forge = forge,
            JobId = key.Id,
            Attempt = key.Attempt,
            Status = job.Running ? JobStatus.InProgress : JobStatus.Queued,
            Repository = job.Repository,
            Owner = job.Owner,
            Labels = job.Labels,
            Name = job.Name,
        }, ct).ConfigureAwait(false);
        if (outcome == JobEventOutcome.Created)
        {
            metrics.LoopAction(Name, "discovered");
            DemandLog.QueuedJobPolled(logger, forge, key.Id, key.Attempt, job.Repository, job.Running);
        }
    }

    private async Task CompleteAsync(IJobEventSink sink, JobKey key, CancellationToken ct)
    {
        if (await store.GetJobAsync(key, ct).ConfigureAwait(false) is not { Status: < JobStatus.Completed } job)
        {
            return;
        }

        await sink.SubmitAsync(new JobEvent
        {
            Forge = key.Forge,
            JobId = key.Id,
            Attempt = key.Attempt,
            Status = JobStatus.Completed,
            Repository = job.Repository,
            Owner = job.Owner,
            Labels = job.Labels,
        }, ct).ConfigureAwait(false);
        metrics.LoopAction(Name, "left_queue");
        DemandLog.PolledJobLeftQueue(logger, key.Forge, key.Id, key.Attempt);
    }

    /// <summary>The forge's jobs the store holds as queued or in progress: what the first poll after a start compares with.</summary>
    private async Task<HashSet<JobKey>> OpenJobsAsync(string forge, CancellationToken ct)
    {
        var open = await store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Queued, JobStatus.InProgress] }, ct).ConfigureAwait(false);
        return [.. open.Where(j => j.Forge == forge).Select(j => j.Key)];
    }
}
