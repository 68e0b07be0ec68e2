using System.Text.Json.Nodes;
using Hangar.Emulator.Rest;

namespace Hangar.Emulator.State;

/// <summary>
/// A scale set's message queue (reference sections 6.4 and 6.5): job events gather until a poll takes them as one message;
/// that message is handed out again until it is acknowledged, so a listener that dies between the poll and the ack sees it
/// again. Statistics are computed from the jobs, so they are always absolute.
/// </summary>
public sealed partial class EmulatorState
{
    /// <summary>GitHub sends at most 50 job messages per queue message.</summary>
    private const int MaxEventsPerMessage = 50;

    private readonly Dictionary<long, List<ScaleSetEvent>> _events = [];
    private readonly Dictionary<long, InflightMessage> _inflight = [];
    private readonly List<long> _firstPolls = [];
    private long _nextMessageId = 1;
    private int _acquires;
    private int _messagesAcked;

    /// <summary>The <c>lastMessageId</c> of every session's first poll, in order.</summary>
    public IReadOnlyList<long> FirstPollLastMessageIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _firstPolls];
            }
        }
    }

    /// <summary>The highest message id handed out so far (0 before any).</summary>
    public long LastMessageIdIssued
    {
        get
        {
            lock (_gate)
            {
                return _nextMessageId - 1;
            }
        }
    }

    /// <summary><c>acquirejobs</c> calls answered so far.</summary>
    public int Acquires => Volatile.Read(ref _acquires);

    /// <summary>Messages acknowledged so far.</summary>
    public int MessagesAcknowledged => Volatile.Read(ref _messagesAcked);

    /// <summary>The next message for <paramref name="session"/>'s scale set, or null (poll again after <paramref name="changed"/>).
    /// A message at or below <paramref name="lastMessageId"/> counts as processed: the listener saw it before.</summary>
    internal JsonObject? TakeMessage(EmulatedSession session, long lastMessageId, int? maxCapacity, out Task changed)
    {
        lock (_gate)
        {
            changed = _changed.Task;
            if (!_scaleSets.TryGetValue(session.ScaleSetId, out var set) || set.Deleted)
            {
                return null;
            }

            if (session.FirstPollLastMessageId is null && _sessions.ContainsKey(session.Id))
            {
                _sessions[session.Id] = _sessions[session.Id] with { FirstPollLastMessageId = lastMessageId };
                _firstPolls.Add(lastMessageId);
            }

            if (maxCapacity is { } capacity && set.MaxCapacity != capacity)
            {
                _scaleSets[set.Id] = set with { MaxCapacity = capacity };
            }

            if (_inflight.TryGetValue(set.Id, out var inflight) && inflight.Id <= lastMessageId)
            {
                _inflight.Remove(set.Id);
                inflight = null;
            }

            if (inflight is null && _events.TryGetValue(set.Id, out var pending) && pending.Count > 0)
            {
                var batch = pending.Take(MaxEventsPerMessage).ToList();
                pending.RemoveRange(0, batch.Count);
                inflight = new InflightMessage(_nextMessageId++, new JsonArray([.. batch.Select(e => (JsonNode)e.Body.DeepClone())]), batch.Count);
                _inflight[set.Id] = inflight;
            }

            return inflight is null ? null : new JsonObject
            {
                ["messageId"] = inflight.Id,
                ["messageType"] = "RunnerScaleSetJobMessages",
                ["body"] = inflight.Events.ToJsonString(),
                ["statistics"] = StatisticsLocked(set.Id),
            };
        }
    }

    internal bool AcknowledgeMessage(EmulatedSession session, long messageId)
    {
        lock (_gate)
        {
            if (!_inflight.TryGetValue(session.ScaleSetId, out var inflight) || inflight.Id != messageId)
            {
                return false;
            }

            _inflight.Remove(session.ScaleSetId);
            Interlocked.Increment(ref _messagesAcked);
            PulseLocked();
            return true;
        }
    }

    /// <summary>Acquires the available jobs among <paramref name="requestIds"/> for the session's scale set; the others
    /// (taken already, cancelled, unknown) are left out of the answer, as GitHub does.</summary>
    internal IReadOnlyList<long> AcquireJobs(EmulatedSession session, IReadOnlyList<long> requestIds)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _acquires);
            var acquired = new List<long>();
            foreach (var id in requestIds.Distinct())
            {
                if (_jobs.TryGetValue(id, out var job) && job.ScaleSetId == session.ScaleSetId && !job.Acquired && job.Status == EmulatedJobStatus.Queued)
                {
                    _jobs[id] = job with { Acquired = true };
                    AddEventLocked(session.ScaleSetId, JobMessage("JobAssigned", _jobs[id]));
                    acquired.Add(id);
                }
            }

            PulseLocked();
            return acquired;
        }
    }

    /// <summary>Registers a runner in a scale set (<c>generatejitconfig</c>).</summary>
    internal StateOutcome RegisterScaleSetRunner(long scaleSetId, string name, string workFolder, out EmulatedRunner? runner, out string secret)
    {
        runner = null;
        secret = "";
        EmulatedScaleSet? set;
        lock (_gate)
        {
            if (!_scaleSets.TryGetValue(scaleSetId, out set) || set.Deleted)
            {
                return StateOutcome.NotFound;
            }
        }

        var outcome = RegisterRunner(set.Scope, name, set.Labels, set.Group, workFolder, out runner, out secret);
        if (outcome == StateOutcome.Ok)
        {
            lock (_gate)
            {
                runner = runner! with { ScaleSetId = scaleSetId };
                _runners[runner.Id] = runner;
            }
        }

        return outcome;
    }

    internal JsonObject StatisticsOf(long scaleSetId)
    {
        lock (_gate)
        {
            return StatisticsLocked(scaleSetId);
        }
    }

    /// <summary>A new job goes to the first live scale set that takes its labels, as a <c>JobAvailable</c> message.</summary>
    private void OfferToScaleSetLocked(ref EmulatedJob job)
    {
        var repository = job.Repository;
        var labels = job.Labels;
        var set = _scaleSets.Values.Where(s => s.Takes(repository, labels)).OrderBy(s => s.Id).FirstOrDefault();
        if (set is null)
        {
            return;
        }

        job = job with { ScaleSetId = set.Id };
        AddEventLocked(set.Id, JobMessage("JobAvailable", job));
    }

    /// <summary>Jobs still waiting with no live set (theirs was deleted, or none took them when queued) go to a new set that takes them.</summary>
    private void OfferWaitingJobsLocked(EmulatedScaleSet set)
    {
        foreach (var id in _jobOrder)
        {
            var job = _jobs[id];
            var orphaned = job.ScaleSetId is not { } old || _scaleSets[old].Deleted;
            if (job.Status == EmulatedJobStatus.Queued && orphaned && set.Takes(job.Repository, job.Labels))
            {
                job = job with { ScaleSetId = set.Id, Acquired = false };
                _jobs[id] = job;
                AddEventLocked(set.Id, JobMessage("JobAvailable", job));
            }
        }
    }

    private void AddEventLocked(long scaleSetId, JsonObject body)
    {
        if (!_events.TryGetValue(scaleSetId, out var list))
        {
            _events[scaleSetId] = list = [];
        }

        list.Add(new ScaleSetEvent(body));
    }

    private JsonObject StatisticsLocked(long scaleSetId)
    {
        int available = 0, acquired = 0, running = 0;
        foreach (var job in _jobs.Values)
        {
            if (job.ScaleSetId != scaleSetId)
            {
                continue;
            }

            if (job.Status == EmulatedJobStatus.Queued)
            {
                if (job.Acquired)
                {
                    acquired++;
                }
                else
                {
                    available++;
                }
            }
            else if (job.Status == EmulatedJobStatus.InProgress)
            {
                running++;
            }
        }

        var runners = _runners.Values.Where(r => r.ScaleSetId == scaleSetId && !r.Removed).ToList();
        var busy = runners.Count(r => r.Busy);
        return new JsonObject
        {
            ["totalAvailableJobs"] = available,
            ["totalAcquiredJobs"] = acquired,
            ["totalAssignedJobs"] = acquired + running,
            ["totalRunningJobs"] = running,
            ["totalRegisteredRunners"] = runners.Count,
            ["totalBusyRunners"] = busy,
            ["totalIdleRunners"] = runners.Count - busy,
        };
    }

    /// <summary>A job message in the shape of actions/scaleset <c>types.go</c>.</summary>
    private JsonObject JobMessage(string type, EmulatedJob job, string? result = null)
    {
        var message = new JsonObject
        {
            ["messageType"] = type,
            ["runnerRequestId"] = job.RunnerRequestId,
            ["repositoryName"] = job.RepositoryName,
            ["ownerName"] = job.Owner,
            ["jobId"] = $"{job.Id:x}-{job.RunId:x}",
            ["jobWorkflowRef"] = $"{job.Repository}/.github/workflows/ci.yml@refs/heads/{job.HeadBranch}",
            ["jobDisplayName"] = job.Name,
            ["workflowRunId"] = job.RunId,
            ["eventName"] = "push",
            ["requestLabels"] = new JsonArray([.. job.Labels.Select(l => (JsonNode?)l)]),
            ["queueTime"] = GitHubJson.Timestamp(job.QueuedAt),
            ["scaleSetAssignTime"] = GitHubJson.Timestamp(job.QueuedAt),
        };
        if (type == "JobAvailable")
        {
            message["acquireJobUrl"] = new Uri(BaseUrl, $"_actions/_apis/runtime/runnerscalesets/{job.ScaleSetId}/acquirejobs").ToString();
        }

        if (job.RunnerId is { } runnerId)
        {
            message["runnerId"] = runnerId;
            message["runnerName"] = job.RunnerName;
            message["runnerAssignTime"] = GitHubJson.Timestamp(job.StartedAt);
        }

        if (type == "JobCompleted")
        {
            message["result"] = result;
            message["finishTime"] = GitHubJson.Timestamp(job.CompletedAt);
        }

        return message;
    }
}
