namespace Hangar.Core.ScaleSets;

public enum ScaleSetJobMessageType
{
    Unknown,
    JobAvailable,
    JobAssigned,
    JobStarted,
    JobCompleted,
}
