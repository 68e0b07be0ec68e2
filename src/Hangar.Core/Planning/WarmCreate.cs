namespace Hangar.Core.Planning;

/// <summary>Of a pool's <see cref="PoolCreate"/>, the last <paramref name="Count"/> runners are for its warm policy
/// rather than for queued jobs, made for <paramref name="Reason"/> ("warm: forecast 3.2 jobs/min, ...").</summary>
public sealed record WarmCreate(string Pool, int Count, string Reason)
{
    /// <summary>Runners for queued jobs (<paramref name="unserved"/>: demand less supply) come first; what is left of
    /// the create is for the warm policy.</summary>
    internal static void Add(ref List<WarmCreate>? warmCreates, string pool, int create, int unserved, string reason)
    {
        var warm = create - Math.Min(create, Math.Max(0, unserved));
        if (warm > 0)
        {
            (warmCreates ??= []).Add(new WarmCreate(pool, warm, reason));
        }
    }
}
