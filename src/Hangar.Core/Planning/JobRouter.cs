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
        foreach (var wanted in jobLabels)
        {
            if (selfHostedImplied && string.Equals(wanted, SelfHosted, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var found = false;
            foreach (var have in poolLabels)
            {
                if (string.Equals(wanted, have, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
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
        PoolSpec? best = null;
        var bestLoad = 0;
        foreach (var pool in pools)
        {
            if (!CanServe(pool, job))
            {
                continue;
            }

            var poolLoad = load(pool.Name);
            if (best is null
                || pool.Priority > best.Priority
                || (pool.Priority == best.Priority && (poolLoad < bestLoad
                    || (poolLoad == bestLoad && string.CompareOrdinal(pool.Name, best.Name) < 0))))
            {
                best = pool;
                bestLoad = poolLoad;
            }
        }

        return best;
    }

    public static string UnroutableReason(Job job) =>
        $"no enabled pool of forge {job.Forge} serving {job.Repository} has labels [{string.Join(", ", job.Labels)}]";
}
