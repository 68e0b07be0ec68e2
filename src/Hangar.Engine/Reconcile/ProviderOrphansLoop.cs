using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Destroys machines of ours the store does not know (see <see cref="ProviderOrphansPass"/>).</summary>
public sealed class ProviderOrphansLoop(ProviderOrphansPass pass, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger<ProviderOrphansLoop> logger)
    : TimedLoop(ProviderOrphansPass.LoopName, options.Loops.ProviderOrphansInterval, metrics, time, logger)
{
    protected override Task RunPassAsync(CancellationToken cancellationToken) => pass.RunAsync(cancellationToken);
}
