using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace Hangar.Store.Tests.Sqlite;

/// <summary>
/// Every index on <c>jobs</c> is paid by every new job in intake's serial step, so the table keeps only the ones its
/// queries use, and every list query the engine and the dashboard issue still reads an index, never the whole table.
/// The plans are SQLite's own (EXPLAIN QUERY PLAN) on a store as the server runs it, without ANALYZE statistics.
/// </summary>
public sealed class SqliteJobIndexTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly JobQuery Queued = new() { Statuses = [JobStatus.Queued] };

    private static readonly JobQuery Rerouted = Queued with { Order = ListOrder.NewestFirst, Limit = 100 };

    private readonly SqliteStoreBackend _backend = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, JobQuery> EngineQueries => new()
    {
        { "converge: not routed yet", Queued with { Routing = JobRouting.Unrouted, Limit = 100 } },
        { "converge: one pool's own", Queued with { Pool = "linux", Limit = 100 } },
        { "converge: unroutable", Rerouted with { Routing = JobRouting.Unroutable } },
        { "converge: routed to a removed pool", Rerouted with { RoutedOutside = ["linux", "arm"] } },
        { "converge: finished jobs of runners", new JobQuery { Statuses = [JobStatus.InProgress, JobStatus.Completed], RunnerNames = ["r-1", "r-2"], UpdatedSince = DateTimeOffset.UnixEpoch } },
        { "dashboard: waiting and queued", new JobQuery { Statuses = [JobStatus.Waiting, JobStatus.Queued], Limit = 50 } },
        { "poller: open jobs", new JobQuery { Statuses = [JobStatus.Queued, JobStatus.InProgress] } },
        { "api: completed, newest first", new JobQuery { Statuses = [JobStatus.Completed], Order = ListOrder.NewestFirst, Limit = 50 } },
        { "api: one pool, every status", new JobQuery { Pool = "linux", Limit = 50 } },
        { "api: everything updated since", new JobQuery { UpdatedSince = DateTimeOffset.UnixEpoch, Limit = 500 } },
    };

    [Fact]
    public async Task Migrate_JobsIndexes_AreExactlyTheOnesItsQueriesRead()
    {
        await using var connection = await OpenMigratedAsync();

        var indexes = await ReadAllAsync(connection, "SELECT name FROM pragma_index_list('jobs') ORDER BY name;");

        // ix_jobs_updated and ix_jobs_pool_status are gone (migration 0023): no query's plan used them.
        indexes.ShouldBe(
            ["ix_jobs_queued_key", "ix_jobs_runner_name", "ix_jobs_status_pool_queued", "ix_jobs_status_queued", "sqlite_autoindex_jobs_1"],
            ignoreOrder: false);
    }

    [Theory]
    [MemberData(nameof(EngineQueries))]
    public async Task ListJobs_EachQueryTheServerIssues_ReadsAnIndexNotTheWholeTable(string query, JobQuery jobQuery)
    {
        await using var connection = await OpenMigratedAsync();

        var plan = await PlanAsync(connection, jobQuery);

        plan.ShouldNotContain(line => line.TrimEnd().EndsWith("SCAN jobs", StringComparison.Ordinal), $"{query}: {string.Join(" | ", plan)}");
    }

    [Fact]
    public async Task ListJobs_OneStatusInListOrder_ReadsInOrderWithoutSortingEveryRowOfIt()
    {
        await using var connection = await OpenMigratedAsync();

        // Completed jobs are most of the table: a page of them must not sort all of them first.
        var plan = await PlanAsync(connection, new JobQuery { Statuses = [JobStatus.Completed], Order = ListOrder.NewestFirst, Limit = 50 });

        plan.ShouldNotContain(line => line.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal), string.Join(" | ", plan));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return _backend.DisposeAsync();
    }

    private async Task<SqliteConnection> OpenMigratedAsync()
    {
        var store = _backend.Open();
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        var connection = new SqliteConnection($"Data Source={store.FilePath};Pooling=False");
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task<IReadOnlyList<string>> PlanAsync(SqliteConnection connection, JobQuery query)
    {
        await using var command = connection.CreateCommand();
        SqliteJobs.ListCommand(command, query);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        return await ReadColumnAsync(command, column: 3);
    }

    private static async Task<IReadOnlyList<string>> ReadAllAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await ReadColumnAsync(command, column: 0);
    }

    private static async Task<IReadOnlyList<string>> ReadColumnAsync(SqliteCommand command, int column)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct).WaitAsync(Timeout, Ct);
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(column));
        }

        return lines;
    }
}
