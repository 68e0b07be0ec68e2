using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Finds store instances whose machine is gone (see <see cref="StoreGhostsPass"/>).</summary>
public sealed class StoreGhostsLoop(StoreGhostsPass pass, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger<StoreGhostsLoop> logger)
    : TimedLoop(StoreGhostsPass.LoopName, options.Loops.StoreGhostsInterval, metrics, time, logger)
{
    protected override Task RunPassAsync(CancellationToken cancellationToken) => pass.RunAsync(cancellationToken);
}
