using Hangar.Core.Planning;

namespace Hangar.Engine.Actuation;

/// <summary>How a destroy reason reads in an instance's history.</summary>
internal static class ReasonText
{
    public static string Of(DestroyReason reason) => reason switch
    {
        DestroyReason.BootTimeout => "boot timeout",
        DestroyReason.Ttl => "ttl expired",
        DestroyReason.IdleSurplus => "idle surplus retired",
        DestroyReason.Drained => "job done",
        DestroyReason.Failed => "failed",
        DestroyReason.PoolRemoved => "pool removed",
        DestroyReason.HardCap => "killed at hard cap",
        DestroyReason.Removed => "removed by an operator",
        DestroyReason.StoppedSurplus => "stopped surplus retired",
        _ => reason.ToString(),
    };
}
