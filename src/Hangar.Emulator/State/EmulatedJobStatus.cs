namespace Hangar.Emulator.State;

public enum EmulatedJobStatus
{
    Queued,
    InProgress,
    Completed,
}
