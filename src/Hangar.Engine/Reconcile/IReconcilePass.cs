using Hangar.Core.Forges;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// One level-triggered pass: re-read the state, move toward the desired state, finish. Each pass runs in its own
/// hosted loop (<see cref="ReconcileLoop"/>) every <see cref="Interval"/>, so a slow pass never delays another.
/// </summary>
public interface IReconcilePass
{
    /// <summary>The loop's name (<see cref="LoopNames"/>): in logs, the <c>loop</c> metric label and health; its settings
    /// are under <c>server.loops</c> with underscores (<c>runner-status</c> is <c>runner_status</c>).</summary>
    string Name { get; }

    TimeSpan Interval { get; }

    /// <summary>How much this loop's forge calls matter to a forge's request budget: its loop runs every pass inside a
    /// <see cref="ForgeCallScope"/> of its name and this priority. Observation unless the pass says otherwise.</summary>
    ForgePriority ForgePriority => ForgePriority.Observe;

    /// <summary>
    /// False (the default): the pass runs on one replica at a time, under its lease (<c>pass:NAME</c>), its writes fenced.
    /// True: the pass runs on every replica and acts only on the pools this replica owns, each under its pool's lease.
    /// </summary>
    bool ActsPerPool => false;

    Task RunAsync(CancellationToken cancellationToken);
}
