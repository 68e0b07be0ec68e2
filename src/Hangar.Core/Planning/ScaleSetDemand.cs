namespace Hangar.Core.Planning;

/// <summary>A scale set's demand (reference section 6.5): GitHub counts the jobs it assigned to the set, waiting and
/// running; the running ones hold busy runners already. Never negative: a runner may show busy a moment before the
/// statistics count its job.</summary>
internal static class ScaleSetDemand
{
    public static int Of(int assignedJobs, int busyRunners) => Math.Max(0, assignedJobs - busyRunners);
}
