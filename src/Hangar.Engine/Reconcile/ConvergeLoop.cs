using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Runs the planner and provisioner on a timer, and at once when intake or observation nudges it.</summary>
public sealed class ConvergeLoop(ConvergePass pass, ConvergeSignal signal, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger<ConvergeLoop> logger)
    : LoopBase("converge", metrics, time, logger)
{
    protected override Task RunPassAsync(CancellationToken cancellationToken) => pass.RunAsync(cancellationToken);

    protected override Task WaitAsync(CancellationToken cancellationToken) =>
        signal.WaitAsync(options.ConvergeInterval, Time, cancellationToken);
}
