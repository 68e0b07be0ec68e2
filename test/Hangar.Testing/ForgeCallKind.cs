namespace Hangar.Testing;

public enum ForgeCallKind
{
    Mint,
    List,
    Remove,
    GetJob,
    ListQueuedJobs,
    ListRunJobs,
}
