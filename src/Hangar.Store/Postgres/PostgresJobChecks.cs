using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>Look-ups of open jobs at their forge: which are due, and what each look-up changed (<see cref="JobCheckRule"/>,
/// applied here inside the transaction to the locked row).</summary>
internal sealed class PostgresJobChecks(PostgresDatabase database)
{
    public Task<IReadOnlyList<Job>> ListDueAsync(DateTimeOffset quietSince, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return database.ReadAsync<IReadOnlyList<Job>>(async (connection, ct) =>
        {
            // Open jobs are few next to finished ones, and read from the status index; the order is computed over them.
            // greatest() skips a null, so a job never looked up is ordered by its last change.
            await using var command = new NpgsqlCommand(
                $"""
                SELECT {PostgresJobs.ReadColumns} FROM jobs
                WHERE status = ANY($1) AND updated_at <= $2 AND (checked_at IS NULL OR checked_at <= $2)
                ORDER BY greatest(updated_at, checked_at), id, forge COLLATE "C", attempt
                LIMIT $3;
                """,
                connection);
            command.Parameters.Bind(new[] { (int)JobStatus.Waiting, (int)JobStatus.Queued, (int)JobStatus.InProgress });
            command.Parameters.Bind(PostgresValues.ToStored(quietSince));
            command.Parameters.Bind(limit);
            var jobs = new List<Job>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                jobs.Add(PostgresJobs.Map(reader));
            }

            return jobs;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Job>> RecordAsync(IReadOnlyList<JobCheck> checks, int closeAfterMisses, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(closeAfterMisses, 1);
        if (checks.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Job>>([]);
        }

        return database.WriteAsync<IReadOnlyList<Job>>(async (connection, ct) =>
        {
            var closed = new List<Job>();
            var written = new List<JobKey>();
            foreach (var check in checks)
            {
                // Locked from this read to the commit, so an event recorded meanwhile is merged after this look-up.
                if (await ReadForUpdateAsync(connection, check.Key, ct) is not { } stored
                    || JobCheckRule.Apply(stored, check.Found, now, closeAfterMisses) is not { } checkedJob)
                {
                    continue;
                }

                await using (var write = new NpgsqlBatch(connection))
                {
                    write.BatchCommands.Add(PostgresJobs.WriteCommand(checkedJob, insert: false));
                    await write.ExecuteNonQueryAsync(ct);
                }

                written.Add(check.Key);

                if (stored.IsOpen && !checkedJob.IsOpen)
                {
                    closed.Add(checkedJob);
                }
            }

            if (written.Count > 0)
            {
                await PostgresChanges.NotifyJobsAsync(connection, written, ct);
            }

            return closed;
        }, cancellationToken);
    }

    private static async Task<Job?> ReadForUpdateAsync(NpgsqlConnection connection, JobKey key, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlBatch(connection);
        read.BatchCommands.Add(PostgresJobs.ReadForUpdateCommand(key));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? PostgresJobs.Map(reader) : null;
    }
}
