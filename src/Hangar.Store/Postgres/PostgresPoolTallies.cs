using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>Counts per pool, grouped in SQL over the (pool, state) and (pool, status) indexes: a pool's page costs the
/// same with ten queued jobs or a hundred thousand.</summary>
internal sealed class PostgresPoolTallies(PostgresDatabase database)
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
            var names = pools.ToArray();
            await using var batch = new NpgsqlBatch(connection);
            var byState = new NpgsqlBatchCommand("SELECT pool, state, count(*)::integer FROM instances WHERE pool = ANY($1) AND state <> $2 GROUP BY pool, state;");
            byState.Parameters.Bind(names);
            byState.Parameters.Bind(InstanceState.Deleted.ToString());
            var queuedJobs = new NpgsqlBatchCommand("SELECT pool, count(*)::integer FROM jobs WHERE pool = ANY($1) AND status = $2 GROUP BY pool;");
            queuedJobs.Parameters.Bind(names);
            queuedJobs.Parameters.Bind((int)JobStatus.Queued);
            batch.BatchCommands.Add(byState);
            batch.BatchCommands.Add(queuedJobs);

            await using var reader = await batch.ExecuteReaderAsync(ct);
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
            await using var command = new NpgsqlCommand(null, connection);
            command.CommandText =
                $"SELECT pool, count(*)::integer FROM jobs WHERE status = ANY({command.Parameters.Bind(OpenJobs.Statuses)}) AND pool = ANY({command.Parameters.Bind(pools.ToArray())}) GROUP BY pool;";
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
