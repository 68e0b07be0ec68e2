using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Emulator;
using Hangar.Emulator.State;
using Hangar.Forges.GitHub;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Forges.Tests.GitHub.Budget;

/// <summary>
/// Calls a GitHub forge the way the engine does, at the engine's default intervals, on a fake clock shared with the
/// emulator: converge mints one runner per queued job (every 10 s), runner-status lists the organization's runners
/// while some are booting (10 s), stale-jobs re-checks jobs unchanged for 5 min and sweeps every active repository's
/// queued runs (1 min), forge-orphans lists the runners (1 min), and a finished runner's registration is looked up by
/// name when its machine is destroyed. Webhooks are taken as delivered (job states are read from the emulator), and
/// runners are driven through the emulator's runner protocol state: a runner takes its job one tick after its mint and
/// completes it after <see cref="JobDuration"/>.
/// </summary>
internal sealed class EngineLoadSimulation(EmulatorHost emulator, GitHubForge forge, FakeTimeProvider clock, int repositories)
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan SlowLoopInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan StaleJobAfter = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan JobDuration = TimeSpan.FromMinutes(3);

    /// <summary>Each repository queues a job this often, the repositories staggered across the period.</summary>
    public static readonly TimeSpan JobEvery = TimeSpan.FromMinutes(20);

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private static readonly ForgeTarget Organization = ForgeTarget.Organization("acme");

    private readonly string[] _repositories = [.. Enumerable.Range(0, repositories).Select(i => $"acme/repo-{i:D3}")];
    private readonly List<SimulatedRunner> _runners = [];
    private readonly Dictionary<long, (EmulatedJobStatus Status, DateTimeOffset Since, DateTimeOffset? CheckedAt)> _jobs = [];
    private readonly HashSet<long> _served = [];
    private int _minted;

    public Dictionary<string, LoopCalls> Loops { get; } = new(StringComparer.Ordinal)
    {
        ["converge"] = new(), ["destroy"] = new(), ["runner-status"] = new(), ["stale-jobs"] = new(), ["queued-sweep"] = new(), ["forge-orphans"] = new(),
    };

    public int JobsQueued { get; private set; }

    /// <summary>A call waited for the fake clock (a rate-limit reset): the simulation stopped there.</summary>
    public bool Stuck { get; private set; }

    public async Task RunAsync(TimeSpan duration, CancellationToken ct)
    {
        var start = clock.GetUtcNow();
        for (var elapsed = TimeSpan.Zero; elapsed < duration && !Stuck; elapsed += Tick)
        {
            QueueScheduledJobs(elapsed);
            ObserveJobs();
            await RunRunnersAsync(ct);
            await ConvergeAsync(ct);
            await RunnerStatusAsync(ct);
            if (elapsed.Ticks % SlowLoopInterval.Ticks == 0)
            {
                await StaleJobsAsync(ct);
                await ForgeOrphansAsync(ct);
            }

            clock.Advance(Tick);
        }

        Simulated = clock.GetUtcNow() - start;
    }

    /// <summary>How much time the simulation covered (less than asked when it got <see cref="Stuck"/>).</summary>
    public TimeSpan Simulated { get; private set; }

    private void QueueScheduledJobs(TimeSpan elapsed)
    {
        var stagger = JobEvery / _repositories.Length;
        for (var i = 0; i < _repositories.Length; i++)
        {
            var offset = (elapsed - stagger * i).Ticks % JobEvery.Ticks;
            if (elapsed >= stagger * i && offset >= 0 && offset < Tick.Ticks)
            {
                emulator.QueueJobs(new JobRequest { Repository = _repositories[i], Labels = ["self-hosted", "linux"], Duration = JobDuration });
                JobsQueued++;
            }
        }
    }

    /// <summary>What the webhooks would have told the engine: each job's status and when it last changed.</summary>
    private void ObserveJobs()
    {
        var now = clock.GetUtcNow();
        foreach (var job in emulator.State.Jobs)
        {
            if (!_jobs.TryGetValue(job.Id, out var known) || known.Status != job.Status)
            {
                _jobs[job.Id] = (job.Status, now, known.CheckedAt);
            }
        }
    }

    private async Task RunRunnersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var runner in _runners.Where(r => r.Destroyed is null).ToList())
        {
            if (runner.JobStartedAt is null && now - runner.MintedAt >= Tick && runner.Jit.TryTakeJob())
            {
                runner.JobStartedAt = now;
                _served.Add(runner.Jit.JobId!.Value);
            }
            else if (runner.JobStartedAt is { } started && now - started >= JobDuration)
            {
                runner.Jit.Complete();
                await CallAsync("destroy", null, async () => (await forge.ListRunnersAsync(Organization, runner.Name, ct)).ShouldBeEmpty(), ct);
                runner.Destroyed = now;
            }
        }
    }

    private async Task ConvergeAsync(CancellationToken ct)
    {
        var supply = _runners.Count(r => r.JobStartedAt is null && r.Destroyed is null);
        var demand = _jobs.Count(j => j.Value.Status == EmulatedJobStatus.Queued);
        for (var i = supply; i < demand; i++)
        {
            var name = $"hgr-linux-{++_minted:D5}";
            await CallAsync("converge", ForgePriority.Provision, async () =>
            {
                var credential = await forge.CreateRunnerCredentialAsync(Organization, new RunnerRequest(name, ["linux"], null), ct);
                _runners.Add(new SimulatedRunner(name, new EmulatedJitRunner(emulator.State, credential), clock.GetUtcNow()));
            }, ct);
        }
    }

    private async Task RunnerStatusAsync(CancellationToken ct)
    {
        if (_runners.Any(r => r.JobStartedAt is null && r.Destroyed is null))
        {
            await CallAsync("runner-status", ForgePriority.Observe, () => forge.ListRunnersAsync(Organization, null, ct), ct);
        }
    }

    private async Task StaleJobsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stale = _jobs
            .Where(j => j.Value.Status != EmulatedJobStatus.Completed && now - j.Value.Since >= StaleJobAfter)
            .Where(j => j.Value.CheckedAt is not { } at || now - at >= StaleJobAfter)
            .OrderBy(j => j.Value.Since)
            .Take(200)
            .ToList();
        foreach (var (id, known) in stale)
        {
            var repository = emulator.State.GetJob(id)!.Repository;
            if (await CallAsync("stale-jobs", ForgePriority.Observe, () => forge.GetJobAsync(repository, id, ct), ct))
            {
                _jobs[id] = known with { CheckedAt = now };
            }
        }

        foreach (var repository in _repositories)
        {
            await CallAsync("queued-sweep", ForgePriority.Observe, () => forge.ListQueuedJobsAsync(repository, ct), ct);
        }
    }

    private Task ForgeOrphansAsync(CancellationToken ct) =>
        CallAsync("forge-orphans", ForgePriority.Sweep, () => forge.ListRunnersAsync(Organization, null, ct), ct);

    /// <summary>One call as a loop makes it, inside the loop's <see cref="ForgeCallScope"/>; true when it was answered.</summary>
    private async Task<bool> CallAsync(string loop, ForgePriority? priority, Func<Task> call, CancellationToken ct)
    {
        var calls = Loops[loop];
        if (Stuck)
        {
            return false;
        }

        using var scope = priority is { } p ? ForgeCallScope.Begin(loop, p) : null;
        try
        {
            await call().WaitAsync(CallTimeout, ct);
            calls.Answered++;
            return true;
        }
        catch (ForgeBudgetExceededException)
        {
            calls.Deferred++;
        }
        catch (ForgeException ex)
        {
            calls.Failures.Add($"{clock.GetUtcNow():HH:mm:ss} {ex.Message}");
        }
        catch (TimeoutException)
        {
            // Loopback answers in milliseconds: a call this slow waits on the fake clock for a rate-limit reset, and the
            // engine's loop would be stuck with it. The simulation ends here.
            calls.Failures.Add($"{clock.GetUtcNow():HH:mm:ss} still waiting for the rate limit to reset after {CallTimeout}");
            Stuck = true;
        }

        return false;
    }

    /// <summary>Jobs queued before <paramref name="cutoff"/> that a runner took.</summary>
    public (int Queued, int Served) JobsServedBefore(DateTimeOffset cutoff)
    {
        var early = emulator.State.Jobs.Where(j => j.QueuedAt < cutoff).ToList();
        return (early.Count, early.Count(j => _served.Contains(j.Id)));
    }

    private sealed class SimulatedRunner(string name, EmulatedJitRunner jit, DateTimeOffset mintedAt)
    {
        public string Name { get; } = name;

        public EmulatedJitRunner Jit { get; } = jit;

        public DateTimeOffset MintedAt { get; } = mintedAt;

        public DateTimeOffset? JobStartedAt { get; set; }

        public DateTimeOffset? Destroyed { get; set; }
    }
}
