using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>Retries failed creates once their backoff has passed (see <see cref="CreateRetryPass"/>).</summary>
public sealed class CreateRetryLoop(CreateRetryPass pass, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger<CreateRetryLoop> logger)
    : TimedLoop(CreateRetryPass.LoopName, options.Loops.CreateRetryInterval, metrics, time, logger)
{
    protected override Task RunPassAsync(CancellationToken cancellationToken) => pass.RunAsync(cancellationToken);
}
