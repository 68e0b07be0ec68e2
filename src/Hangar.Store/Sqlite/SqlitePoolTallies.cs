using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Store.Sqlite;

/// <summary>Counts per pool, grouped in SQL over the (pool, state) and (pool, status) indexes: a pool's page costs the
/// same with ten queued jobs or a hundred thousand.</summary>
internal sealed class SqlitePoolTallies(SqliteDatabase database)
{
    public Task<IReadOnlyList<PoolTally>> TallyAsync(IReadOnlyCollection<string> pools, CancellationToken cancellationToken)
    {
        if (pools.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<PoolTally>>([]);
        }

        return database.ReadAsync<IReadOnlyList<PoolTally>>(async (connection, ct) =>
        {
            var counts = new PoolTallyCounts(pools);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT pool, state, count(*) FROM instances
                WHERE pool IN (SELECT value FROM json_each($pools)) AND state <> $deleted GROUP BY pool, state;
                SELECT pool, count(*) FROM jobs
                WHERE pool IN (SELECT value FROM json_each($pools)) AND status = $queued GROUP BY pool;
                """;
            command.Parameters.Add("$pools", SqliteValues.ToJson(pools));
            command.Parameters.Add("$deleted", InstanceState.Deleted.ToString());
            command.Parameters.Add("$queued", (int)JobStatus.Queued);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                counts.AddInstances(reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                counts.AddQueued(reader.GetString(0), reader.GetInt32(1));
            }

            return counts.ToTallies();
        }, cancellationToken);
    }

    /// <summary>Open jobs routed to each pool, over the (status, pool) index; pools with none are absent.</summary>
    public Task<IReadOnlyDictionary<string, int>> CountOpenJobsAsync(IReadOnlyCollection<string> pools, CancellationToken cancellationToken)
    {
        if (pools.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(StringComparer.Ordinal));
        }

        return database.ReadAsync<IReadOnlyDictionary<string, int>>(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT pool, count(*) FROM jobs
                WHERE status IN (SELECT value FROM json_each($open)) AND pool IN (SELECT value FROM json_each($pools)) GROUP BY pool;
                """;
            command.Parameters.Add("$pools", SqliteValues.ToJson(pools));
            command.Parameters.Add("$open", SqliteValues.ToJson(OpenJobs.Statuses));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }

            return counts;
        }, cancellationToken);
    }
}
