using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Store.Sqlite;

/// <summary>Look-ups of open jobs at their forge: which are due, and what each look-up changed (<see cref="JobCheckRule"/>).</summary>
internal sealed class SqliteJobChecks(SqliteDatabase database)
{
    public Task<IReadOnlyList<Job>> ListDueAsync(DateTimeOffset quietSince, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return database.ReadAsync(async (connection, ct) =>
        {
            // Open jobs are few next to finished ones, and read from the status index; the order is computed over them.
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {SqliteJobs.ReadColumns} FROM jobs
                WHERE status IN ($waiting, $queued, $in_progress)
                  AND updated_at <= $quiet AND (checked_at IS NULL OR checked_at <= $quiet)
                ORDER BY max(updated_at, coalesce(checked_at, 0)), id, forge, attempt
                LIMIT $limit;
                """;
            command.Parameters.AddWithValue("$waiting", (int)JobStatus.Waiting);
            command.Parameters.Add("$queued", (int)JobStatus.Queued);
            command.Parameters.Add("$in_progress", (int)JobStatus.InProgress);
            command.Parameters.Add("$quiet", SqliteValues.ToUnixMs(quietSince));
            command.Parameters.Add("$limit", limit);
            var jobs = new List<Job>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                jobs.Add(SqliteJobs.Map(reader));
            }

            return (IReadOnlyList<Job>)jobs;
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
            foreach (var check in checks)
            {
                if (await SqliteJobs.ReadAsync(connection, check.Key, ct) is not { } stored
                    || JobCheckRule.Apply(stored, check.Found, now, closeAfterMisses) is not { } checkedJob)
                {
                    continue;
                }

                await SqliteJobs.UpdateAsync(connection, checkedJob, ct);
                if (stored.IsOpen && !checkedJob.IsOpen)
                {
                    closed.Add(checkedJob);
                }
            }

            return closed;
        }, cancellationToken);
    }
}
