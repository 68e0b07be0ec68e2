using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine;

/// <summary>
/// Engine-wide messages: stored lifecycle moves and stored job events. EventIds 1000–1199 are intake, demand and the
/// actuator (<c>Actuation.ActuationLog</c>); 1200–1499 the reconcile passes (<c>Reconcile.ReconcileLog</c>).
/// </summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1007, EventName = "InstanceTransitioned", Level = LogLevel.Information,
        Message = "instance transition instance={Instance} from={From} to={To} reason=\"{Reason}\"")]
    public static partial void Transitioned(ILogger logger, string instance, InstanceState from, InstanceState to, string reason);

    [LoggerMessage(EventId = 1008, EventName = "TransitionSkipped", Level = LogLevel.Debug,
        Message = "transition skipped instance={Instance} error={Error}")]
    public static partial void TransitionSkipped(ILogger logger, string instance, string error);

    [LoggerMessage(EventId = 1100, EventName = "JobEventStored", Level = LogLevel.Information,
        Message = "job event stored forge={Forge} job={JobId} status={Status} outcome={Outcome}")]
    public static partial void JobEventStored(ILogger logger, string forge, long jobId, JobStatus status, JobEventOutcome outcome);
}
