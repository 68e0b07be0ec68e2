using System.Security.Cryptography;

namespace Hangar.Emulator.State;

public sealed partial class EmulatorState
{
    private readonly Dictionary<long, EmulatedRunner> _runners = [];
    private readonly Dictionary<string, long> _runnerSecrets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _labelIds = new(StringComparer.OrdinalIgnoreCase);
    private long _nextRunnerId = 1;

    /// <summary>Every registration ever made, removed ones included, oldest first.</summary>
    public IReadOnlyList<EmulatedRunner> Runners
    {
        get
        {
            lock (_gate)
            {
                return [.. _runners.Values.OrderBy(r => r.Id)];
            }
        }
    }

    public EmulatedRunner? GetRunner(long id)
    {
        lock (_gate)
        {
            return _runners.GetValueOrDefault(id);
        }
    }

    /// <summary>A label's id, stable for the emulator's lifetime (GitHub ids labels per scope; one table is enough here).</summary>
    internal long LabelIdOf(string label)
    {
        lock (_gate)
        {
            return IdOf(_labelIds, label, 1);
        }
    }

    /// <summary>Registers a runner; <see cref="StateOutcome.Conflict"/> when the scope already has one by that name.</summary>
    internal StateOutcome RegisterRunner(RunnerScope scope, string name, IReadOnlyList<string> labels, RunnerGroup group, string workFolder, out EmulatedRunner? runner, out string secret)
    {
        lock (_gate)
        {
            runner = null;
            secret = "";
            if (_runners.Values.Any(r => !r.Removed && r.Scope.Matches(scope) && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return StateOutcome.Conflict;
            }

            runner = new EmulatedRunner
            {
                Id = _nextRunnerId++,
                Name = name,
                Scope = scope,
                Labels = [.. labels.Distinct(StringComparer.OrdinalIgnoreCase)],
                Group = group,
                WorkFolder = workFolder,
                CreatedAt = _time.GetUtcNow(),
            };
            secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            _runners[runner.Id] = runner;
            _runnerSecrets[secret] = runner.Id;
            PulseLocked();
            return StateOutcome.Ok;
        }
    }

    /// <summary>The live registrations of one scope, by id.</summary>
    internal IReadOnlyList<EmulatedRunner> ListRunners(RunnerScope scope, string? name)
    {
        lock (_gate)
        {
            return
            [
                .. _runners.Values
                    .Where(r => !r.Removed && r.Scope.Matches(scope) && (name is null || string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
                    .OrderBy(r => r.Id),
            ];
        }
    }

    internal EmulatedRunner? FindRunner(RunnerScope scope, long id)
    {
        lock (_gate)
        {
            return _runners.TryGetValue(id, out var runner) && !runner.Removed && runner.Scope.Matches(scope) ? runner : null;
        }
    }

    internal StateOutcome RemoveRunner(RunnerScope scope, long id, out EmulatedRunner? runner)
    {
        lock (_gate)
        {
            if (!_runners.TryGetValue(id, out runner) || runner.Removed || !runner.Scope.Matches(scope))
            {
                return StateOutcome.NotFound;
            }

            if (runner.Busy)
            {
                return StateOutcome.Busy;
            }

            runner = runner with { RemovedAt = _time.GetUtcNow() };
            _runners[id] = runner;
            PulseLocked();
            return StateOutcome.Ok;
        }
    }

    /// <summary>Uses a runner's JIT config. It works once: a second connect is a <see cref="StateOutcome.Conflict"/>.</summary>
    internal StateOutcome ConnectRunner(string secret, string os, out EmulatedRunner? runner)
    {
        lock (_gate)
        {
            var outcome = ResolveLocked(secret, out runner);
            if (outcome != StateOutcome.Ok)
            {
                return outcome;
            }

            if (runner!.ConnectedAt is not null)
            {
                return StateOutcome.Conflict;
            }

            runner = runner with { ConnectedAt = _time.GetUtcNow(), Os = os };
            _runners[runner.Id] = runner;
            PulseLocked();
            return StateOutcome.Ok;
        }
    }

    /// <summary>
    /// Gives the runner its job: the one it already holds (a poll may be retried after a lost response), else the oldest
    /// queued job it may run. <see cref="StateOutcome.NotFound"/> means none yet; <paramref name="changed"/> completes at
    /// the next change worth re-polling for.
    /// </summary>
    internal StateOutcome TryTakeJob(string secret, out EmulatedJob? job, out Task changed)
    {
        lock (_gate)
        {
            job = null;
            changed = _changed.Task;
            var outcome = ResolveLocked(secret, out var runner);
            if (outcome != StateOutcome.Ok)
            {
                return outcome;
            }

            if (runner!.ConnectedAt is null)
            {
                return StateOutcome.Invalid;
            }

            if (runner.JobId is { } held)
            {
                job = _jobs[held];
                return StateOutcome.Ok;
            }

            foreach (var id in _jobOrder)
            {
                var candidate = _jobs[id];
                if (candidate.Status == EmulatedJobStatus.Queued && MayTake(runner, candidate))
                {
                    job = candidate with
                    {
                        Status = EmulatedJobStatus.InProgress,
                        StartedAt = _time.GetUtcNow(),
                        RunnerId = runner.Id,
                        RunnerName = runner.Name,
                        RunnerGroupId = runner.Group.Id,
                        RunnerGroupName = runner.Group.Name,
                    };
                    _jobs[id] = job;
                    _runners[runner.Id] = runner with { JobId = id, Busy = true };
                    EnqueueWebhookLocked(job, "in_progress");
                    if (job.ScaleSetId is { } scaleSetId)
                    {
                        AddEventLocked(scaleSetId, JobMessage("JobStarted", job));
                    }

                    PulseLocked();
                    return StateOutcome.Ok;
                }
            }

            return StateOutcome.NotFound;
        }
    }

    /// <summary>Completes the runner's job and removes the registration, as GitHub does for an ephemeral runner.</summary>
    internal StateOutcome CompleteJob(string secret, long jobId, string conclusion, out EmulatedJob? job)
    {
        lock (_gate)
        {
            job = null;
            if (!_runnerSecrets.TryGetValue(secret, out var runnerId))
            {
                return StateOutcome.Unauthorized;
            }

            var runner = _runners[runnerId];
            if (runner.JobId != jobId)
            {
                return runner.Removed ? StateOutcome.Gone : StateOutcome.NotFound;
            }

            job = _jobs[jobId];
            if (job.Status == EmulatedJobStatus.Completed)
            {
                return StateOutcome.Ok;
            }

            var now = _time.GetUtcNow();
            job = job with { Status = EmulatedJobStatus.Completed, Conclusion = conclusion, CompletedAt = now };
            _jobs[jobId] = job;
            _runners[runnerId] = runner with { Busy = false, RemovedAt = runner.RemovedAt ?? now };
            EnqueueWebhookLocked(job, "completed");
            if (job.ScaleSetId is { } scaleSetId)
            {
                AddEventLocked(scaleSetId, JobMessage("JobCompleted", job, conclusion == "success" ? "succeeded" : conclusion));
            }

            PulseLocked();
            return StateOutcome.Ok;
        }
    }

    /// <summary>A job assigned to a scale set goes only to a runner of that set, and only once a listener acquired it;
    /// any other job goes by scope and labels.</summary>
    private static bool MayTake(EmulatedRunner runner, EmulatedJob job) =>
        job.ScaleSetId is { } scaleSetId
            ? runner.ScaleSetId == scaleSetId && job.Acquired
            : runner.ScaleSetId is null && runner.Scope.Serves(job.Repository) && CarriesAll(runner, job.Labels);

    // Nothing is implied: a JIT registration carries exactly the labels it was given (reference section 3), so a
    // client that forgets self-hosted sees its runs-on: [self-hosted, ...] jobs wait, as they would on GitHub.
    private static bool CarriesAll(EmulatedRunner runner, IReadOnlyList<string> labels) =>
        labels.All(label => runner.Labels.Contains(label, StringComparer.OrdinalIgnoreCase));

    private StateOutcome ResolveLocked(string secret, out EmulatedRunner? runner)
    {
        runner = null;
        if (!_runnerSecrets.TryGetValue(secret, out var id))
        {
            return StateOutcome.Unauthorized;
        }

        runner = _runners[id];
        return runner.Removed ? StateOutcome.Gone : StateOutcome.Ok;
    }
}
