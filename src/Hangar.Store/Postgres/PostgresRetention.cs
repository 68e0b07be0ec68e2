using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// Deletes what is over, one bounded batch per write: completed jobs, and deleted instances with their history (the
/// transitions go with their instance, <c>ON DELETE CASCADE</c>). Each batch is found through an index, so a batch costs
/// the same however much is stored.
/// </summary>
internal sealed class PostgresRetention(PostgresDatabase database)
{
    public Task<int> PruneJobsAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken) =>
        DeleteAsync(
            """
            DELETE FROM jobs WHERE (forge, id, attempt) IN (
                SELECT forge, id, attempt FROM jobs WHERE updated_at < $2 AND status = $1 LIMIT $3);
            """,
            (int)JobStatus.Completed, olderThan, batchSize, cancellationToken);

    public Task<int> PruneInstancesAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken) =>
        DeleteAsync(
            """
            DELETE FROM instances WHERE name IN (
                SELECT name FROM instances WHERE state = $1 AND state_changed_at < $2 LIMIT $3);
            """,
            InstanceState.Deleted.ToString(), olderThan, batchSize, cancellationToken);

    private Task<int> DeleteAsync<T>(string sql, T finished, DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return database.WriteAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Bind(finished);
            command.Parameters.Bind(PostgresValues.ToStored(olderThan));
            command.Parameters.Bind(batchSize);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }
}
