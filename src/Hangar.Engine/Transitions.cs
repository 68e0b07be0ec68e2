using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine;

/// <summary>Stored lifecycle moves with logging. A move the table refuses (another actor got there first) is not an
/// error for loops: the next pass re-reads the state and decides again.</summary>
internal sealed class Transitions(IStore store, EngineMetrics metrics, TimeProvider time, ILogger<Transitions> logger)
{
    public async Task<Instance?> TryMoveAsync(string name, InstanceState to, string reason, InstanceChanges? changes = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var before = await store.GetInstanceAsync(name, cancellationToken).ConfigureAwait(false);
            var after = await store.TransitionAsync(name, to, reason, time.GetUtcNow(), changes, cancellationToken).ConfigureAwait(false);
            EngineLog.Transitioned(logger, name, before?.State ?? to, to, reason);
            if (before?.State == InstanceState.Booting && to is InstanceState.Idle or InstanceState.Busy)
            {
                // Online: idle at the forge, or already running a job (the job's event can beat the runner's own report).
                metrics.RunnerOnline(after.Pool, after.StateChangedAt - after.LifeStartedAt);
                InstanceTrace.StartStep(InstanceTrace.OnlineSpanName, after, after.LifeStartedAt)?.Dispose();
            }
            return after;
        }
        catch (IllegalTransitionException ex)
        {
            EngineLog.TransitionSkipped(logger, name, ex.Message);
            return null;
        }
        catch (KeyNotFoundException ex)
        {
            EngineLog.TransitionSkipped(logger, name, ex.Message);
            return null;
        }
    }

    /// <summary>Walks the shortest legal path to <paramref name="target"/> (e.g. booting → busy → draining).</summary>
    public async Task<Instance?> MoveThroughAsync(Instance instance, InstanceState target, string reason, InstanceChanges? changes = null, CancellationToken cancellationToken = default)
    {
        var path = PathTo(instance.State, target);
        if (path is null)
        {
            return null;
        }

        var current = instance;
        foreach (var step in path)
        {
            current = await TryMoveAsync(instance.Name, step, reason, changes, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Breadth-first over the lifecycle table (never through stopped); null when the target cannot be reached.</summary>
    internal static IReadOnlyList<InstanceState>? PathTo(InstanceState from, InstanceState to)
    {
        if (from == to)
        {
            return [];
        }

        var previous = new Dictionary<InstanceState, InstanceState> { [from] = from };
        var queue = new Queue<InstanceState>([from]);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var next in InstanceLifecycle.NextStates(state))
            {
                // Only a stopped-tier create enters stopped: it is never a step on the way somewhere else.
                if (next == InstanceState.Stopped && to != InstanceState.Stopped)
                {
                    continue;
                }

                if (previous.TryAdd(next, state))
                {
                    if (next == to)
                    {
                        var path = new List<InstanceState> { to };
                        for (var s = state; s != from; s = previous[s])
                        {
                            path.Add(s);
                        }

                        path.Reverse();
                        return path;
                    }

                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }
}
