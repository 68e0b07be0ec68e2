using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Marks runners online or busy as the forge reports them (see <see cref="RunnerStatusPass"/>).</summary>
public sealed class RunnerStatusLoop(RunnerStatusPass pass, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger<RunnerStatusLoop> logger)
    : TimedLoop(RunnerStatusPass.LoopName, options.ObserveInterval, metrics, time, logger)
{
    protected override Task RunPassAsync(CancellationToken cancellationToken) => pass.RunAsync(cancellationToken);
}
