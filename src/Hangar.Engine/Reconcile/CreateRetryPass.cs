using Hangar.Core.Forges;
using Hangar.Engine.Actuation;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Triggers the next attempt of failed creates once their backoff has passed. The rule (adopt, retry, give up, when
/// due) is <see cref="CreateRetry"/>'s; this loop gives it a short, steady beat of its own.
/// </summary>
internal sealed class CreateRetryPass(Actuator actuator, EngineMetrics metrics, EngineOptions options) : IReconcilePass
{
    public string Name => LoopNames.CreateRetry;

    public TimeSpan Interval => options.Loops.CreateRetryInterval;

    /// <summary>Actuation: its forge calls (minting, removal) are provisioning.</summary>
    public ForgePriority ForgePriority => ForgePriority.Provision;

    /// <summary>The actuator retries only the creates of pools this replica owns.</summary>
    public bool ActsPerPool => true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retried = await actuator.RetryDueCreatesAsync(cancellationToken).ConfigureAwait(false);
        if (retried > 0)
        {
            metrics.LoopAction(Name, "retried", retried);
        }
    }
}
