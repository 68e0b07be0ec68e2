using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Re-checks stale jobs at the forge and finds jobs no webhook announced (see <see cref="StaleJobsPass"/>).</summary>
public sealed class StaleJobsLoop(StaleJobsPass pass, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger<StaleJobsLoop> logger)
    : TimedLoop(StaleJobsPass.LoopName, options.Loops.StaleJobsInterval, metrics, time, logger)
{
    protected override Task RunPassAsync(CancellationToken cancellationToken) => pass.RunAsync(cancellationToken);
}
