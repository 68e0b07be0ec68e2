using System.Globalization;
using Hangar.Cli.Traces;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Cli.Simulation;

/// <summary>The world of one replay: runners, queues, provider slots, pending events and the figures they add up to.</summary>
internal sealed class Replay(SimulationSetup setup, Timeline timeline, SimulatedClock clock)
{
    private readonly Random _random = new(setup.Seed);
    private readonly SimSlots _slots = new(setup.ConcurrencyOf);
    private readonly DemandForecaster _forecaster = new();
    private readonly Dictionary<string, SimRunner> _runners = new(StringComparer.Ordinal);
    private readonly Dictionary<JobKey, SimJob> _waiting = [];
    private readonly Dictionary<string, PoolFigures> _figures = setup.Pools.ToDictionary(p => p.Name, _ => new PoolFigures(), StringComparer.Ordinal);
    private readonly PriorityQueue<(SimRunner Runner, SimEvent Kind), (DateTimeOffset, long)> _events = new();
    private long _sequence;
    private long _jobIds;
    private long _runnerIds;
    private int _running;

    /// <summary>The figures per spell of the <c>random</c> profile, when the setup names its spells.</summary>
    public SpellFigures? Spells { get; } = setup.Spells is { } spells ? new SpellFigures(spells, setup.ColdStart) : null;

    public SimulatedClock Clock => clock;

    public Timeline Timeline => timeline;

    public bool HasWork => _events.Count > 0;

    /// <summary>Jobs running, or waiting with a route (an unroutable job waits for ever).</summary>
    public bool HasJobsLeft => _running > 0 || _waiting.Values.Any(j => j.Job.UnroutableReason is null);

    public DateTimeOffset NextEventAt => _events.TryPeek(out _, out var key) ? key.Item1 : DateTimeOffset.MaxValue;

    /// <summary>Runs the events due; true when any ran. Each is a change <c>serve</c>'s converge loop is nudged by (a machine
    /// made, a runner's job started or completed by webhook), so the replay plans again at once.</summary>
    public bool RunEventsDue()
    {
        var now = clock.GetUtcNow();
        var ran = false;
        while (_events.TryPeek(out var e, out var key) && key.Item1 <= now)
        {
            _events.Dequeue();
            ran = true;
            var (runner, at) = (e.Runner, key.Item1);
            switch (e.Kind)
            {
                case SimEvent.Made:
                    ReleaseSlot(runner.Provider, at);
                    if (runner.State == InstanceState.Provisioning)
                    {
                        Move(runner, InstanceState.Booting, at);
                    }

                    break;
                case SimEvent.Online when runner.State is InstanceState.Provisioning or InstanceState.Booting:
                    Move(runner, InstanceState.Idle, at);
                    TakeWaitingJob(runner, at);
                    break;
                case SimEvent.JobDone when runner.State == InstanceState.Busy:
                    _running--;
                    Move(runner, InstanceState.Deleted, at);
                    Destroy(runner, at);
                    break;
                case SimEvent.Destroyed:
                    ReleaseSlot(runner.Provider, at);
                    break;
            }
        }

        return ran;
    }

    /// <summary>A job of the trace is queued now: an idle runner of its pool takes it at once, as the forge would.</summary>
    public void Arrive(TraceRecord record)
    {
        var now = clock.GetUtcNow();
        var pool = setup.Pools.FirstOrDefault(p => string.Equals(p.Name, record.Pool, StringComparison.Ordinal));
        var job = SimJob.Queued(record, pool, ++_jobIds, now);
        timeline.Arrive(now);
        if (pool is not null && _runners.Values.Where(r => r.Pool == pool.Name && r.State == InstanceState.Idle).MinBy(r => r.StateChangedAt) is { } idle)
        {
            job.Job = job.Job with { Pool = pool.Name };
            _forecaster.ObserveArrival(pool.Name, now);
            Start(idle, job, now);
            return;
        }

        _waiting[job.Job.Key] = job;
    }

    public void PlanAndApply()
    {
        var now = clock.GetUtcNow();
        var instances = _runners.Values.Select(r => r.ToInstance()).ToList();
        _forecaster.ObserveInstances(setup.Pools, instances, now);
        var pools = setup.Oracle is { } oracle && setup.Spells is { } spells
            ? oracle.At(setup.Pools, spells, now, setup.ColdStart) : setup.Pools;
        var plan = Planner.Plan(new PlannerInput(pools, [.. _waiting.Values.Select(j => j.Job)], instances, now)
        {
            Forecasts = _forecaster.Forecast(setup.Pools, now),
        });

        foreach (var route in plan.Routes)
        {
            var job = _waiting[route.Job];
            job.Job = job.Job with { Pool = route.Pool, UnroutableReason = null };
            _forecaster.ObserveArrival(route.Pool, job.QueuedAt);
        }

        foreach (var unroutable in plan.Unroutable)
        {
            var job = _waiting[unroutable.Job];
            job.Job = job.Job with { Pool = null, UnroutableReason = unroutable.Reason };
        }

        foreach (var destroy in plan.Destroys)
        {
            if (_runners.TryGetValue(destroy.Instance, out var runner) && runner.State is InstanceState.Idle or InstanceState.Booting)
            {
                Move(runner, InstanceState.Deleted, now);
                Destroy(runner, now);
            }
        }

        foreach (var create in plan.Creates)
        {
            var provider = setup.Pools.First(p => string.Equals(p.Name, create.Pool, StringComparison.Ordinal)).Provider;
            for (var i = 0; i < create.Count; i++)
            {
                var runner = new SimRunner(string.Create(CultureInfo.InvariantCulture, $"{create.Pool}-{++_runnerIds}"), create.Pool, provider, now);
                _runners[runner.Name] = runner;
                _figures[create.Pool].Runners++;
                if (!setup.Phases.ContainsKey(create.Pool))
                {
                    // No phases known: one created → online time, which already holds whatever slot waits it had.
                    Move(runner, InstanceState.Booting, now);
                    Schedule(runner, now + setup.BootOf(create.Pool).Draw(_random), SimEvent.Online);
                }
                else if (_slots.TryTake(new SlotWork(runner, Destroy: false)))
                {
                    BeginSlotWork(new SlotWork(runner, Destroy: false), now);
                }
            }
        }

        foreach (var idle in _runners.Values.Where(r => r.State == InstanceState.Idle).OrderBy(r => r.StateChangedAt).ThenBy(r => r.Name, StringComparer.Ordinal).ToList())
        {
            TakeWaitingJob(idle, now);
        }
    }

    /// <summary>Closes every runner's phase at the replay's end and counts the jobs never started.</summary>
    public Dictionary<string, PoolFigures> Finish()
    {
        var now = clock.GetUtcNow();
        foreach (var runner in _runners.Values.Where(r => r.State != InstanceState.Deleted).ToList())
        {
            Move(runner, InstanceState.Deleted, runner.State == InstanceState.Busy ? runner.StateChangedAt + runner.Job!.RunTime : now);
        }

        foreach (var job in _waiting.Values)
        {
            if (job.Pool is { } pool && _figures.TryGetValue(pool, out var figures))
            {
                figures.Unserved++;
            }
        }

        return _figures;
    }

    private void TakeWaitingJob(SimRunner runner, DateTimeOffset now)
    {
        var oldest = _waiting.Values.Where(j => j.Pool == runner.Pool).MinBy(j => (j.QueuedAt, j.Job.Id));
        if (oldest is not null)
        {
            _waiting.Remove(oldest.Job.Key);
            Start(runner, oldest, now);
        }
    }

    private void Start(SimRunner runner, SimJob job, DateTimeOffset now)
    {
        var startedAt = now + setup.Pickup;
        job.StartedAt = startedAt;
        runner.Job = job;
        Move(runner, InstanceState.Busy, now);
        _running++;
        var wait = startedAt - job.QueuedAt;
        _figures[runner.Pool].Waited(wait);
        Spells?.Waited(job.QueuedAt, wait);
        timeline.JobStarted(startedAt, wait);
        Schedule(runner, startedAt + job.RunTime, SimEvent.JobDone);
    }

    /// <summary>A runner gone from the pool's count: its machine's destroy takes a provider slot for its measured time.</summary>
    private void Destroy(SimRunner runner, DateTimeOffset now)
    {
        if (setup.Phases.TryGetValue(runner.Pool, out var phases) && phases.Destroy is not null && _slots.TryTake(new SlotWork(runner, Destroy: true)))
        {
            BeginSlotWork(new SlotWork(runner, Destroy: true), now);
        }
    }

    /// <summary>Work that has its slot: a create's runner is provisioning until its machine is made (the slot is free then)
    /// and online when it connects, which may come first; a destroy holds the slot for its time.</summary>
    private void BeginSlotWork(SlotWork work, DateTimeOffset now)
    {
        var phases = setup.Phases[work.Runner.Pool];
        if (work.Destroy)
        {
            Schedule(work.Runner, now + phases.Destroy!.Draw(_random), SimEvent.Destroyed);
            return;
        }

        var (create, online) = phases.Draw(_random);
        Move(work.Runner, InstanceState.Provisioning, now);
        Schedule(work.Runner, now + create, SimEvent.Made);
        Schedule(work.Runner, now + online, SimEvent.Online);
    }

    /// <summary>Passes a freed slot on to the longest waiting work; a create whose runner was retired meanwhile is skipped.</summary>
    private void ReleaseSlot(string provider, DateTimeOffset now)
    {
        while (_slots.Release(provider) is { } next)
        {
            if (next.Destroy || next.Runner.State == InstanceState.Pending)
            {
                BeginSlotWork(next, now);
                return;
            }
        }
    }

    /// <summary>Ends the runner's current phase (its minutes counted) and enters <paramref name="to"/>.</summary>
    private void Move(SimRunner runner, InstanceState to, DateTimeOffset at)
    {
        var minutes = (at - runner.StateChangedAt).TotalMinutes;
        var figures = _figures[runner.Pool];
        switch (runner.State)
        {
            case InstanceState.Pending or InstanceState.Provisioning or InstanceState.Booting:
                figures.BootMinutes += minutes;
                timeline.Phase(timeline.Booting, runner.StateChangedAt, at);
                break;
            case InstanceState.Idle:
                figures.IdleMinutes += minutes;
                Spells?.Idle(runner.StateChangedAt, at);
                timeline.Phase(timeline.Idle, runner.StateChangedAt, at);
                break;
            case InstanceState.Busy:
                figures.BusyMinutes += minutes;
                timeline.Phase(timeline.Busy, runner.StateChangedAt, at);
                break;
        }

        runner.State = to;
        runner.StateChangedAt = at;
        if (to == InstanceState.Deleted)
        {
            _runners.Remove(runner.Name);
        }
    }

    private void Schedule(SimRunner runner, DateTimeOffset at, SimEvent kind) => _events.Enqueue((runner, kind), (at, _sequence++));
}
