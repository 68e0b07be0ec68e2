using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Compares the store with providers and forges on a timer (see <see cref="ObservePass"/>).</summary>
public sealed class ObserveLoop(ObservePass pass, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger<ObserveLoop> logger)
    : LoopBase("observe", metrics, time, logger)
{
    protected override Task RunPassAsync(CancellationToken cancellationToken) => pass.RunAsync(cancellationToken);

    protected override Task WaitAsync(CancellationToken cancellationToken) =>
        Task.Delay(options.ObserveInterval, Time, cancellationToken);
}
