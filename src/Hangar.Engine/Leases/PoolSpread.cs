using Hangar.Core.Leases;

namespace Hangar.Engine.Leases;

/// <summary>
/// Which pool leases a replica seeks in a round, so pools spread over the live replicas instead of all going to the
/// first one. Live replicas are those holding their presence lease (<see cref="LeaseNames.Replica"/>). Each aims at
/// <c>ceil(pools / live)</c>: under it, a replica takes free pools; at it, only pools whose holder is gone (a crash:
/// take-over stays as fast as ever) or that nobody took for a whole lease duration (so a pool is never left unserved).
/// Over it, it gives up one pool per round — but only once the number of live replicas has held still for a lease
/// duration, so a rolling restart or a replica flapping does not move pools back and forth. Pools pinned to a replica
/// are not counted. Pure bookkeeping: <see cref="LeaseManager"/> acts on the decision.
/// </summary>
internal sealed class PoolSpread(TimeSpan duration)
{
    private int _live;
    private DateTimeOffset _liveSince;

    /// <param name="rows">Every lease row as read at the start of the round.</param>
    /// <param name="spreadable">The pool leases this replica may hold that are not pinned to any replica.</param>
    /// <param name="held">The leases this replica holds now.</param>
    public PoolSpreadDecision Decide(IReadOnlyList<Lease> rows, string holder, IReadOnlyCollection<string> spreadable, IReadOnlySet<string> held, DateTimeOffset now)
    {
        var present = rows.Where(r => LeaseNames.IsReplica(r.Name) && r.ExpiresAt > now).Select(r => r.Holder).ToHashSet(StringComparer.Ordinal);
        present.Add(holder);
        if (present.Count != _live)
        {
            _live = present.Count;
            _liveSince = now;
        }

        var target = (spreadable.Count + _live - 1) / _live;
        var mine = spreadable.Where(held.Contains).Order(StringComparer.Ordinal).ToList();
        var byName = rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var seek = new HashSet<string>(mine, StringComparer.Ordinal);
        var count = mine.Count;
        foreach (var pool in spreadable.Where(p => !held.Contains(p)).Order(StringComparer.Ordinal))
        {
            var row = byName.GetValueOrDefault(pool);
            if (row is not null && row.ExpiresAt > now)
            {
                continue;
            }

            var holderGone = row is null || !present.Contains(row.Holder);
            var unclaimed = row is not null && now - row.ExpiresAt >= duration;
            if (count < target || holderGone || unclaimed)
            {
                seek.Add(pool);
                count++;
            }
        }

        string? release = null;
        if (mine.Count > target && now - _liveSince >= duration)
        {
            release = mine[^1];
            seek.Remove(release);
        }

        return new PoolSpreadDecision(seek, release, _live, target);
    }
}
