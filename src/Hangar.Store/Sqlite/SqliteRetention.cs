using Hangar.Core.Instances;
using Hangar.Core.Jobs;

namespace Hangar.Store.Sqlite;

/// <summary>
/// Deletes what is over, one bounded batch per write: completed jobs, and deleted instances with their history (the
/// transitions go with their instance, <c>ON DELETE CASCADE</c>). Each batch is found through an index, so a batch costs
/// the same however much is stored.
/// </summary>
internal sealed class SqliteRetention(SqliteDatabase database)
{
    public Task<int> PruneJobsAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken) =>
        DeleteAsync(
            """
            DELETE FROM jobs WHERE rowid IN (
                SELECT rowid FROM jobs WHERE updated_at < $before AND status = $finished LIMIT $batch);
            """,
            (int)JobStatus.Completed, olderThan, batchSize, cancellationToken);

    public Task<int> PruneInstancesAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken) =>
        DeleteAsync(
            """
            DELETE FROM instances WHERE name IN (
                SELECT name FROM instances WHERE state = $finished AND state_changed_at < $before LIMIT $batch);
            """,
            InstanceState.Deleted.ToString(), olderThan, batchSize, cancellationToken);

    private Task<int> DeleteAsync(string sql, object finished, DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("$finished", finished);
            command.Parameters.Add("$before", SqliteValues.ToUnixMs(olderThan));
            command.Parameters.Add("$batch", batchSize);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }
}
