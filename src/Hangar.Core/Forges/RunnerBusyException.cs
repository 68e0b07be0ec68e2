namespace Hangar.Core.Forges;

public sealed class RunnerBusyException(long runnerId)
    : ForgeException($"runner {runnerId} is running a job", 422)
{
    public long RunnerId { get; } = runnerId;
}
