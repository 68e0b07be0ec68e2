using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Removes forge registrations of ours without a live instance (see <see cref="ForgeOrphansPass"/>).</summary>
public sealed class ForgeOrphansLoop(ForgeOrphansPass pass, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger<ForgeOrphansLoop> logger)
    : TimedLoop(ForgeOrphansPass.LoopName, options.Loops.ForgeOrphansInterval, metrics, time, logger)
{
    protected override Task RunPassAsync(CancellationToken cancellationToken) => pass.RunAsync(cancellationToken);
}
