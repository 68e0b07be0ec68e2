using Hangar.Core.Instances;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine;

/// <summary>
/// Engine-wide messages: stored lifecycle moves. EventIds 1000–1199 are the actuator (<c>Actuation.ActuationLog</c>),
/// intake and demand (<c>Demand.DemandLog</c>, 1050–1099); 1200–1499 the reconcile passes (<c>Reconcile.ReconcileLog</c>).
/// </summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1007, EventName = "InstanceTransitioned", Level = LogLevel.Information,
        Message = "instance transition instance={Instance} from={From} to={To} reason=\"{Reason}\"")]
    public static partial void Transitioned(ILogger logger, string instance, InstanceState from, InstanceState to, string reason);

    [LoggerMessage(EventId = 1008, EventName = "TransitionSkipped", Level = LogLevel.Debug,
        Message = "transition skipped instance={Instance} error={Error}")]
    public static partial void TransitionSkipped(ILogger logger, string instance, string error);
}
