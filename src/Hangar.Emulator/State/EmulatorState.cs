using System.Threading.Channels;
using Hangar.Emulator.Webhooks;

namespace Hangar.Emulator.State;

/// <summary>
/// Everything the emulator knows: jobs, runner registrations, webhook deliveries. Thread-safe: every change happens
/// under one lock, and readers get immutable snapshots.
/// </summary>
public sealed partial class EmulatorState
{
    // Ids beyond int32 on purpose: GitHub job and run ids already are, and a client that truncates them must fail here.
    private const long FirstJobId = 30_000_000_001;
    private const long FirstRunId = 12_000_000_001;

    private readonly Lock _gate = new();
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<long, EmulatedJob> _jobs = [];
    private readonly List<long> _jobOrder = [];
    private readonly Dictionary<string, long> _repositoryIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _ownerIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<WebhookWorkItem> _outbox = Channel.CreateUnbounded<WebhookWorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextJobId = FirstJobId;
    private long _nextRunId = FirstRunId;
    private Uri? _webhookUrl;
    private string? _webhookSecret;

    internal EmulatorState(EmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _webhookUrl = options.WebhookUrl;
        _webhookSecret = options.WebhookSecret;
        _runnerGroups.AddRange([RunnerGroup.Default, .. options.RunnerGroups.Select((name, i) => new RunnerGroup(i + 2, name))]);
    }

    /// <summary>Every job ever queued, oldest first.</summary>
    public IReadOnlyList<EmulatedJob> Jobs
    {
        get
        {
            lock (_gate)
            {
                return [.. _jobOrder.Select(id => _jobs[id])];
            }
        }
    }

    public Uri? WebhookUrl
    {
        get
        {
            lock (_gate)
            {
                return _webhookUrl;
            }
        }
    }

    internal string? WebhookSecret
    {
        get
        {
            lock (_gate)
            {
                return _webhookSecret;
            }
        }
    }

    internal ChannelReader<WebhookWorkItem> Outbox => _outbox.Reader;

    internal TimeProvider Time => _time;

    public EmulatedJob? GetJob(long id)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(id);
        }
    }

    /// <summary>Queues jobs and sends their <c>queued</c> webhooks.</summary>
    public IReadOnlyList<EmulatedJob> QueueJobs(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var slash = request.Repository.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == request.Repository.Length - 1 || request.Repository.IndexOf('/', slash + 1) >= 0)
        {
            throw new ArgumentException("repository must be owner/name", nameof(request));
        }

        if (request.Count is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "count must be 1..1000");
        }

        var queued = new List<EmulatedJob>(request.Count);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            for (var i = 0; i < request.Count; i++)
            {
                var id = _nextJobId++;
                var job = new EmulatedJob
                {
                    Id = id,
                    RunId = _nextRunId++,
                    Repository = request.Repository,
                    Name = request.Name,
                    WorkflowName = request.WorkflowName,
                    HeadBranch = request.HeadBranch,
                    HeadSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(id))),
                    Labels = [.. request.Labels],
                    Duration = request.Duration ?? _options.DefaultJobDuration,
                    QueuedAt = now,
                };
                OfferToScaleSetLocked(ref job);
                _jobs[id] = job;
                _jobOrder.Add(id);
                queued.Add(job);
                EnqueueWebhookLocked(job, "queued");
            }

            PulseLocked();
        }

        return queued;
    }

    /// <summary>Cancels a job still queued: it completes with conclusion <c>cancelled</c> and no runner, as on GitHub.</summary>
    public EmulatedJob? CancelJob(long id)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(id, out var job) || job.Status != EmulatedJobStatus.Queued)
            {
                return null;
            }

            job = job with { Status = EmulatedJobStatus.Completed, Conclusion = "cancelled", CompletedAt = _time.GetUtcNow() };
            _jobs[id] = job;
            EnqueueWebhookLocked(job, "completed");
            if (job.ScaleSetId is { } scaleSetId)
            {
                AddEventLocked(scaleSetId, JobMessage("JobCompleted", job, "canceled"));
            }

            PulseLocked();
            return job;
        }
    }

    /// <summary>Where webhooks go from now on (null stops sending: deliveries then fail and wait for redelivery).</summary>
    public void SetWebhook(Uri? url, string? secret)
    {
        lock (_gate)
        {
            _webhookUrl = url;
            _webhookSecret = secret;
            PulseLocked();
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds, re-checking after every change.</summary>
    public async Task WaitUntilAsync(Func<EmulatorState, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            var changed = ChangedSignal;
            if (condition(this))
            {
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A task that completes at the next change; take it before checking, then await it.</summary>
    internal Task ChangedSignal
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    internal void CompleteOutbox() => _outbox.Writer.TryComplete();

    private void PulseLocked()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private long IdOf(Dictionary<string, long> ids, string key, long first)
    {
        if (!ids.TryGetValue(key, out var id))
        {
            id = first + ids.Count;
            ids[key] = id;
        }

        return id;
    }
}
