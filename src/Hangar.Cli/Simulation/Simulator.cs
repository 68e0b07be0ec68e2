using System.Diagnostics;
using Hangar.Cli.Traces;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Cli.Simulation;

/// <summary>
/// Replays a trace's jobs through <see cref="Planner.Plan"/> — the planner <c>serve</c> runs, with its warm policies and
/// a <see cref="DemandForecaster"/> fed as the converge pass feeds it — on a <see cref="SimulatedClock"/>. The planner
/// runs when jobs arrive, when a machine is made and when a runner's job starts or ends (each a nudge of the converge
/// loop in <c>serve</c>), and every converge interval. Its creates wait for a provider slot, are made and start for times
/// drawn from the pool's <see cref="MachinePhases"/> (or boot for one drawn from its <see cref="BootTimes"/>); an online
/// runner takes the oldest job routed to its pool; a runner is gone when its one job ends (ephemeral), its machine's
/// destroy holding a slot. Deterministic: one seeded random source, events ordered by time then sequence.
/// </summary>
internal static class Simulator
{
    public static SimulationRun Run(SimulationSetup setup, string policy, IReadOnlyList<TraceRecord> trace)
    {
        var watch = Stopwatch.StartNew();
        var jobs = trace.Where(r => r.Kind == TraceRecord.JobKind).OrderBy(r => r.QueueInstant).ToList();
        var start = jobs.Count > 0 ? jobs[0].QueueInstant!.Value : DateTimeOffset.UnixEpoch;
        var end = jobs.Count > 0 ? jobs[^1].QueueInstant!.Value : start;
        var replay = new Replay(setup, new Timeline(start, end + TimeSpan.FromHours(1)), new SimulatedClock(start));
        var next = 0;
        var tick = start;
        while (next < jobs.Count || replay.HasWork)
        {
            var arrival = next < jobs.Count ? jobs[next].QueueInstant!.Value : DateTimeOffset.MaxValue;
            var at = Min(arrival, replay.NextEventAt, tick);
            replay.Clock.AdvanceTo(at);
            var nudged = replay.RunEventsDue();
            while (next < jobs.Count && jobs[next].QueueInstant!.Value <= at)
            {
                replay.Arrive(jobs[next++]);
                nudged = true;
            }

            if (nudged || at >= tick)
            {
                replay.PlanAndApply();
                if (at >= tick)
                {
                    tick = at + setup.ConvergeInterval;
                }
            }

            // Past the last arrival with nothing left to run, only warm runners remain: the replay is over. A job no
            // runner will ever take (max_runners 0, a disabled pool) ends it a day after the last arrival.
            if (next >= jobs.Count && (!replay.HasJobsLeft || at > end + TimeSpan.FromDays(1)))
            {
                break;
            }
        }

        var pools = replay.Finish();
        var overall = new PoolFigures();
        foreach (var figures in pools.Values)
        {
            overall.Merge(figures);
        }

        return new SimulationRun { Policy = policy, Pools = pools, Overall = overall, Timeline = replay.Timeline, Spells = replay.Spells, Elapsed = watch.Elapsed };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) => a < b ? (a < c ? a : c) : (b < c ? b : c);
}
