using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Sqlite;
using Hangar.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Tests.Sqlite;

public sealed class SqliteStoreTests : StoreContractTests<SqliteStoreBackend>
{
    private string DatabasePath => Backend.DatabasePath;

    private async Task<T> QueryAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MigrateAsync_NewFile_CreatesDirectoryAndUsesWal()
    {
        var ct = TestContext.Current.CancellationToken;
        File.Exists(DatabasePath).ShouldBeTrue();
        (await QueryAsync<string>("PRAGMA journal_mode;")).ShouldBe("wal");
        (await QueryAsync<long>("SELECT count(*) FROM schema_migrations;")).ShouldBe(SqliteMigration.All.Count);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MigrateAsync_TwoProcessesAtOnce_BothSucceedAndEachMigrationRunsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Backend.Directory, "race", "hangar.db");
        var stores = Enumerable.Range(0, 4).Select(_ => Backend.Open(path)).ToArray();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(ct), ct)));

        (await stores[0].GetOrAddSettingAsync("k", "v", ct)).ShouldBe("v");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations;";
        ((long)(await command.ExecuteScalarAsync(ct))!).ShouldBe(SqliteMigration.All.Count);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MigrateAsync_SchemaFromNewerHangar_RefusesToRun()
    {
        var ct = TestContext.Current.CancellationToken;
        await QueryAsync<object?>("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future', 0);");

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => Store.MigrateAsync(ct));

        ex.Message.ShouldContain("9999");
    }

    [Fact(Timeout = TestTimeout)]
    public async Task MigrateAsync_JobsStoredBeforeAttempts_KeptAsAttemptZeroAndReRunsStoreAlongside()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Backend.Directory, "v1", "hangar.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteMigration.All[0].Sql + """
                CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
                INSERT INTO schema_migrations VALUES (1, '0001_initial', 0);
                INSERT INTO jobs (forge, id, status, repository, labels, pool, received_at, queued_at, completed_at, updated_at)
                VALUES ('gitea', 5, 3, 'acme/app', '["linux"]', 'linux', 1000, 1000, 2000, 2000);
                """;
            await command.ExecuteNonQueryAsync(ct);
        }

        var store = Backend.Open(path);
        await store.MigrateAsync(ct);

        var old = (await store.GetJobAsync(new JobKey("gitea", 5), ct)).ShouldNotBeNull();
        (old.Attempt, old.Status, old.Pool).ShouldBe((0L, JobStatus.Completed, "linux"));
        old.Labels.ShouldBe(["linux"]);
        (await store.RecordJobEventAsync(Event(5, JobStatus.Queued) with { Forge = "gitea", Attempt = 1 }, T0, ct)).ShouldBe(JobEventOutcome.Created);
        (await store.ListJobsAsync(new JobQuery(), ct)).Select(j => j.Key).ShouldBe([new JobKey("gitea", 5), new JobKey("gitea", 5, 1)], ignoreOrder: true);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task TransitionAsync_TwoProcessesFromSameState_ExactlyOneWins()
    {
        var ct = TestContext.Current.CancellationToken;
        // Two stores on one file have separate in-process gates, as two processes would: only the database lock orders them.
        var other = Backend.Open();
        await Store.InsertInstanceAsync(NewInstance("r1"), "wanted", ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? Store : other).TransitionAsync("r1", InstanceState.Provisioning, $"replica {i % 2}", T0, cancellationToken: ct);
                return true;
            }
            catch (IllegalTransitionException)
            {
                return false;
            }
        }, ct)));

        results.Count(r => r).ShouldBe(1);
        (await Store.GetHistoryAsync("r1", cancellationToken: ct)).Count.ShouldBe(2);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task RecordJobEventAsync_TwoProcessesSameDelivery_ExactlyOneCreated()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = Backend.Open();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).RecordJobEventAsync(Event(1, JobStatus.Queued, "d1"), T0, ct), ct)));

        outcomes.Count(o => o == JobEventOutcome.Created).ShouldBe(1);
        outcomes.Count(o => o == JobEventOutcome.Duplicate).ShouldBe(15);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task ListInstancesAsync_TenThousandInstances_ReturnsAllInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        // Seeded in one transaction: one commit per row would time the disk, not the query.
        await QueryAsync<object?>("""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)
            INSERT INTO instances (name, pool, provider, state, created_at, state_changed_at, attempts)
            SELECT printf('r%05d', i), 'p' || (i % 10), 'docker', CASE WHEN i % 4 = 0 THEN 'Deleted' ELSE 'Idle' END,
                   1000000 - i, 1000000 - i, 0
            FROM n;
            """);

        var all = await Store.ListInstancesAsync(InstanceQuery.All, ct);
        var live = await Store.ListInstancesAsync(InstanceQuery.Live, ct);
        var pool = await Store.ListInstancesAsync(new InstanceQuery { Pool = "p3", States = [InstanceState.Idle] }, ct);

        all.Count.ShouldBe(10_000);
        all[0].Name.ShouldBe("r09999");
        all.Select(i => i.CreatedAt).ShouldBeInOrder();
        live.Count.ShouldBe(7_500);
        pool.Count.ShouldBe(1_000);
    }
}
