using System.Runtime.CompilerServices;
using Hangar.Core.Jobs;

namespace Hangar.Core.Storage;

/// <summary>Every job a query matches, read a page at a time (oldest first, by cursor) so memory stays bounded.</summary>
public static class JobPages
{
    public static async IAsyncEnumerable<Job> ReadAllAsync(this IStore store, JobQuery query, int page, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        query = query with { Limit = page, Order = ListOrder.OldestFirst };
        while (true)
        {
            var jobs = await store.ListJobsAsync(query, ct).ConfigureAwait(false);
            foreach (var job in jobs)
            {
                yield return job;
            }

            if (jobs.Count < page)
            {
                yield break;
            }

            query = query with { After = JobCursor.Of(jobs[^1]) };
        }
    }
}
