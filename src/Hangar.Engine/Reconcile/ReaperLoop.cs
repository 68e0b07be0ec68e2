using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Destroys instances past their boot deadline or TTL (see <see cref="ReaperPass"/>).</summary>
public sealed class ReaperLoop(ReaperPass pass, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger<ReaperLoop> logger)
    : TimedLoop(ReaperPass.LoopName, options.Loops.ReaperInterval, metrics, time, logger)
{
    protected override Task RunPassAsync(CancellationToken cancellationToken) => pass.RunAsync(cancellationToken);
}
