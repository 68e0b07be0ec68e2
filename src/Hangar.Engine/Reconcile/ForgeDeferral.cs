using Hangar.Core.Forges;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// A forge call the request budget held back (<see cref="ForgeBudgetExceededException"/>): nothing failed at the forge,
/// the pass skips that item and a later pass asks again. Logged at debug and counted as the loop's <c>deferred</c>
/// action: when the quota runs low every call of a pass is held, and a warning per call would flood the log.
/// </summary>
internal static class ForgeDeferral
{
    public static void Note(ILogger logger, EngineMetrics metrics, string loop, string scope, ForgeBudgetExceededException deferred)
    {
        ReconcileLog.ForgeCallDeferred(logger, loop, scope, deferred.Priority, deferred.RetryAt);
        metrics.LoopAction(loop, "deferred");
    }
}
