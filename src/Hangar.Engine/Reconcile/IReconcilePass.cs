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

    Task RunAsync(CancellationToken cancellationToken);
}
