using Hangar.Core.Jobs;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning;

/// <summary>Picks the one pool that serves a job: highest priority first, ties to the least loaded, then by name.</summary>
internal static class JobRouter
{
    public const string SelfHosted = "self-hosted";

    /// <summary>True when a runner with <paramref name="poolLabels"/> can take a job asking for <paramref name="jobLabels"/>;
    /// <c>self-hosted</c> counts as carried unless <paramref name="selfHostedImplied"/> is false.</summary>
    public static bool LabelsMatch(IReadOnlyList<string> jobLabels, IReadOnlyList<string> poolLabels, bool selfHostedImplied = true)
    {
        // Indexed loops: foreach over an IReadOnlyList allocates an enumerator, twice per job and pool in every pass.
        for (var w = 0; w < jobLabels.Count; w++)
        {
            var wanted = jobLabels[w];
            if (selfHostedImplied && string.Equals(wanted, SelfHosted, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var found = false;
            for (var h = 0; h < poolLabels.Count && !found; h++)
            {
                found = string.Equals(wanted, poolLabels[h], StringComparison.OrdinalIgnoreCase);
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    public static bool CanServe(PoolSpec pool, Job job) =>
        pool.Enabled
        && string.Equals(pool.Forge, job.Forge, StringComparison.Ordinal)
        && pool.Target.Serves(job.Repository, job.Owner, job.Enterprise)
        && LabelsMatch(job.Labels, pool.Labels, pool.ImplicitLabels);

    /// <summary>The chosen pool, or null. <paramref name="load"/> gives each pool's current load for tie-breaking.</summary>
    public static PoolSpec? Route(Job job, IReadOnlyList<PoolSpec> pools, Func<string, int> load)
    {
        var best = -1;
        var bestLoad = 0;
        Func<int, int> loadAt = p => load(pools[p].Name);
        for (var i = 0; i < pools.Count; i++)
        {
            Consider(job, pools, i, loadAt, ref best, ref bestLoad);
        }

        return best < 0 ? null : pools[best];
    }

    /// <summary>
    /// As <see cref="Route"/>, over the positions in <paramref name="candidates"/> only (the pools whose target can serve
    /// the job, <see cref="PoolIndex.Candidates"/>); <paramref name="loadAt"/> gives a pool's load by position. The choice
    /// is a total order (priority, load, name), so which positions are looked at first does not matter.
    /// </summary>
    public static int RouteAmong(Job job, IReadOnlyList<PoolSpec> pools, IEnumerable<int> candidates, Func<int, int> loadAt)
    {
        var best = -1;
        var bestLoad = 0;
        foreach (var i in candidates)
        {
            Consider(job, pools, i, loadAt, ref best, ref bestLoad);
        }

        return best;
    }

    private static void Consider(Job job, IReadOnlyList<PoolSpec> pools, int i, Func<int, int> loadAt, ref int best, ref int bestLoad)
    {
        var pool = pools[i];
        if (!CanServe(pool, job))
        {
            return;
        }

        var poolLoad = loadAt(i);
        if (best < 0
            || pool.Priority > pools[best].Priority
            || (pool.Priority == pools[best].Priority && (poolLoad < bestLoad
                || (poolLoad == bestLoad && string.CompareOrdinal(pool.Name, pools[best].Name) < 0))))
        {
            best = i;
            bestLoad = poolLoad;
        }
    }

    public static string UnroutableReason(Job job) =>
        $"no enabled pool of forge {job.Forge} serving {job.Repository} has labels [{string.Join(", ", job.Labels)}]";
}
