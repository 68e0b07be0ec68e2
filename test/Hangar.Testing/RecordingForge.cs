using Hangar.Core.Forges;
using Hangar.Core.Pools;

namespace Hangar.Testing;

/// <summary>
/// An in-memory <see cref="IForge"/>: minting registers a runner (a name taken at the target is a 409,
/// <see cref="RunnerNameConflictException"/>), removing a busy runner is refused (<see cref="RunnerBusyException"/>),
/// removing an absent one is a no-op. Tests mark runners online or busy, inject failures and read the recorded calls.
/// </summary>
public sealed class RecordingForge(string name = RecordingForge.DefaultName) : IForge
{
    public const string DefaultName = "github";

    /// <summary>The environment variable the fake credential is handed over in (as GitHub's JIT config is).</summary>
    public const string SecretEnvName = "ACTIONS_RUNNER_INPUT_JITCONFIG";

    private readonly Lock _lock = new();
    private readonly Dictionary<long, RegisteredRunner> _runners = [];
    private readonly Dictionary<(string Repository, long JobId), ForgeJob> _jobs = [];
    private readonly List<ForgeCall> _calls = [];
    private readonly ConditionWaiters _callWaiters = new();
    private readonly Dictionary<ForgeCallKind, (int Count, Exception? Error)> _failures = [];
    private long _lastRunnerId = 1000;

    public string Name => name;

    /// <summary>Runs at the start of every mint, before anything else (e.g. to look at the store mid-call).</summary>
    public Func<ForgeTarget, RunnerRequest, CancellationToken, Task>? OnMint { get; set; }

    /// <summary>Runs at the start of every removal, before anything else.</summary>
    public Func<ForgeTarget, long, CancellationToken, Task>? OnRemove { get; set; }

    /// <summary>
    /// Full runner lists (no name) throw <see cref="ForgeBudgetExceededException"/>, as from a forge whose request budget
    /// holds observation back; look-ups by name are still answered, as a budget never holds those back.
    /// </summary>
    public bool HoldBackRunnerLists { get; set; }

    public IReadOnlyList<ForgeCall> Calls
    {
        get { lock (_lock) { return [.. _calls]; } }
    }

    /// <summary>Runner names passed to mint, in call order (including refused ones).</summary>
    public IReadOnlyList<string> Mints
    {
        get { lock (_lock) { return [.. _calls.Where(c => c.Kind == ForgeCallKind.Mint).Select(c => c.Name!)]; } }
    }

    /// <summary>Runner ids passed to remove, in call order (including refused ones).</summary>
    public IReadOnlyList<long> Removes
    {
        get { lock (_lock) { return [.. _calls.Where(c => c.Kind == ForgeCallKind.Remove).Select(c => c.RunnerId!.Value)]; } }
    }

    public IReadOnlyList<RegisteredRunner> Runners
    {
        get { lock (_lock) { return [.. _runners.Values.OrderBy(r => r.Id)]; } }
    }

    /// <summary>Completes once the calls recorded so far satisfy <paramref name="condition"/> (e.g. a background loop made its call).</summary>
    public Task WaitForCallsAsync(Func<IReadOnlyList<ForgeCall>, bool> condition, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return _callWaiters.WaitAsync(() => condition(_calls), cancellationToken);
        }
    }

    public RegisteredRunner? Find(string runnerName)
    {
        lock (_lock)
        {
            return _runners.Values.FirstOrDefault(r => r.Name == runnerName);
        }
    }

    /// <summary>Registers a runner directly, as a crashed earlier attempt or someone else would have. Records no call.</summary>
    public RegisteredRunner Register(ForgeTarget target, string runnerName, IReadOnlyList<string>? labels = null)
    {
        lock (_lock)
        {
            var runner = new RegisteredRunner(++_lastRunnerId, target, runnerName, labels ?? [], null, NewSecret(runnerName));
            _runners[runner.Id] = runner;
            return runner;
        }
    }

    /// <summary>The runner has connected to the forge (or gone away).</summary>
    public void MarkOnline(string runnerName, bool online = true) =>
        Change(runnerName, r => r with { Online = online, Busy = online && r.Busy });

    /// <summary>The runner is running a job (a busy runner is online).</summary>
    public void MarkBusy(string runnerName, bool busy = true) =>
        Change(runnerName, r => r with { Busy = busy, Online = r.Online || busy });

    public void SetJob(string repository, ForgeJob job)
    {
        lock (_lock)
        {
            _jobs[(repository, job.Id)] = job;
        }
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="kind"/> throw (a 503 <see cref="ForgeException"/> by default).</summary>
    public void FailNext(ForgeCallKind kind, int count, Exception? error = null)
    {
        lock (_lock)
        {
            _failures[kind] = (count, error);
        }
    }

    public async Task<RunnerCredential> CreateRunnerCredentialAsync(ForgeTarget target, RunnerRequest request, CancellationToken cancellationToken = default)
    {
        Record(ForgeCallKind.Mint, target, request.Name, null);
        if (OnMint is { } hook)
        {
            await hook(target, request, cancellationToken);
        }

        lock (_lock)
        {
            ThrowIfFailing(ForgeCallKind.Mint);
            if (_runners.Values.Any(r => r.Target == target && r.Name == request.Name))
            {
                throw new RunnerNameConflictException(request.Name);
            }

            var runner = new RegisteredRunner(++_lastRunnerId, target, request.Name, request.Labels, request.RunnerGroup, NewSecret(request.Name));
            _runners[runner.Id] = runner;
            return new RunnerCredential(runner.Id, new Dictionary<string, string> { [SecretEnvName] = runner.Secret });
        }
    }

    public Task<IReadOnlyList<ForgeRunner>> ListRunnersAsync(ForgeTarget target, string? name = null, CancellationToken cancellationToken = default)
    {
        Record(ForgeCallKind.List, target, name, null);
        if (name is null && HoldBackRunnerLists)
        {
            throw new ForgeBudgetExceededException("runner list held back to keep the API quota for provisioning", ForgePriority.Observe, null);
        }

        lock (_lock)
        {
            ThrowIfFailing(ForgeCallKind.List);
            IReadOnlyList<ForgeRunner> found =
            [
                .. _runners.Values
                    .Where(r => r.Target == target && (name is null || r.Name == name))
                    .OrderBy(r => r.Id)
                    .Select(r => new ForgeRunner(r.Id, r.Name, r.Online, r.Busy, r.Labels)),
            ];
            return Task.FromResult(found);
        }
    }

    public async Task RemoveRunnerAsync(ForgeTarget target, long runnerId, CancellationToken cancellationToken = default)
    {
        Record(ForgeCallKind.Remove, target, null, runnerId);
        if (OnRemove is { } hook)
        {
            await hook(target, runnerId, cancellationToken);
        }

        lock (_lock)
        {
            ThrowIfFailing(ForgeCallKind.Remove);
            if (!_runners.TryGetValue(runnerId, out var runner) || runner.Target != target)
            {
                return;
            }

            if (runner.Busy)
            {
                throw new RunnerBusyException(runnerId);
            }

            _runners.Remove(runnerId);
        }
    }

    public Task<ForgeJob?> GetJobAsync(string repository, long jobId, CancellationToken cancellationToken = default)
    {
        Record(ForgeCallKind.GetJob, null, repository, jobId);
        lock (_lock)
        {
            ThrowIfFailing(ForgeCallKind.GetJob);
            return Task.FromResult(_jobs.GetValueOrDefault((repository, jobId)));
        }
    }

    /// <summary>The queued jobs set with <see cref="SetJob"/> for <paramref name="repository"/>, as the forge's queued-run sweep lists them.</summary>
    public Task<IReadOnlyList<ForgeJob>> ListQueuedJobsAsync(string repository, CancellationToken cancellationToken = default)
    {
        Record(ForgeCallKind.ListQueuedJobs, null, repository, null);
        lock (_lock)
        {
            ThrowIfFailing(ForgeCallKind.ListQueuedJobs);
            IReadOnlyList<ForgeJob> queued =
            [
                .. _jobs.Where(j => j.Key.Repository == repository && j.Value.Status == Core.Jobs.JobStatus.Queued)
                    .Select(j => j.Value)
                    .OrderBy(j => j.Id),
            ];
            return Task.FromResult(queued);
        }
    }

    /// <summary>The jobs set with <see cref="SetJob"/> whose <see cref="ForgeJob.RunId"/> is <paramref name="runId"/>; null
    /// when there are none (the run is unknown).</summary>
    public Task<IReadOnlyList<ForgeJob>?> ListRunJobsAsync(string repository, long runId, CancellationToken cancellationToken = default)
    {
        Record(ForgeCallKind.ListRunJobs, null, repository, runId);
        lock (_lock)
        {
            ThrowIfFailing(ForgeCallKind.ListRunJobs);
            IReadOnlyList<ForgeJob> jobs = [.. _jobs.Where(j => j.Key.Repository == repository && j.Value.RunId == runId).Select(j => j.Value).OrderBy(j => j.Id)];
            return Task.FromResult<IReadOnlyList<ForgeJob>?>(jobs.Count == 0 ? null : jobs);
        }
    }

    private void Change(string runnerName, Func<RegisteredRunner, RegisteredRunner> change)
    {
        lock (_lock)
        {
            var runner = _runners.Values.FirstOrDefault(r => r.Name == runnerName)
                ?? throw new InvalidOperationException($"no runner named {runnerName} is registered");
            _runners[runner.Id] = change(runner);
        }
    }

    private void ThrowIfFailing(ForgeCallKind kind)
    {
        if (_failures.TryGetValue(kind, out var failure) && failure.Count > 0)
        {
            _failures[kind] = (failure.Count - 1, failure.Error);
            throw failure.Error ?? new ForgeException($"injected {kind.ToString().ToLowerInvariant()} failure", 503);
        }
    }

    private void Record(ForgeCallKind kind, ForgeTarget? target, string? runnerName, long? runnerId)
    {
        lock (_lock)
        {
            _calls.Add(new ForgeCall(kind, target, runnerName, runnerId, CallSequence.Next(), ForgeCallScope.Current));
            _callWaiters.Notify();
        }
    }

    private static string NewSecret(string runnerName) => $"jit-secret-for-{runnerName}-{Guid.NewGuid():N}";
}
