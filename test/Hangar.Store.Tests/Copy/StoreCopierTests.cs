using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Copy;
using Hangar.Store.Postgres;
using Hangar.Store.Sqlite;
using Hangar.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Tests.Copy;

/// <summary><see cref="StoreCopier"/> between real SQLite files and real PostgreSQL schemas.</summary>
public sealed class StoreCopierTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hangar-store-copy-");
    private readonly List<PostgresTestSchema> _schemas = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var schema in _schemas)
        {
            await schema.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task CopyAsync_SqliteToPostgresAndBack_EveryRowOfEveryTableArrivesUnchanged()
    {
        var source = await SampleSqliteAsync("a.db");
        var postgres = await PostgresAsync();
        var back = Sqlite("c.db");

        var there = await new StoreCopier().CopyAsync(source, postgres, force: false, Ct).WaitAsync(Timeout, Ct);
        var again = await new StoreCopier().CopyAsync(postgres, back, force: false, Ct).WaitAsync(Timeout, Ct);

        var original = await StoreDump.ReadAsync(source, Ct);
        original.Where(t => t.Value.Count == 0).Select(t => t.Key).ShouldBeEmpty("the sample leaves these tables empty: the copy of their rows is not tested");
        StoreDump.Differences(original, await StoreDump.ReadAsync(postgres, Ct)).ShouldBeEmpty();
        StoreDump.Differences(original, await StoreDump.ReadAsync(back, Ct)).ShouldBeEmpty();
        there.Tables.ShouldBe(original.Select(t => new TableCopied(t.Key, t.Value.Count)));
        again.Tables.ShouldBe(there.Tables);
        there.Replaced.ShouldBe(0);
    }

    [Fact]
    public async Task CopyAsync_ToPostgres_TheCopyIsAWorkingStore()
    {
        var source = await SampleSqliteAsync("a.db");
        var postgres = await PostgresAsync();
        await new StoreCopier().CopyAsync(source, postgres, force: false, Ct).WaitAsync(Timeout, Ct);

        await using var store = new PostgresStore(postgres.Postgres!);
        await store.MigrateAsync(Ct);
        var history = await store.GetHistoryAsync("hgr-linux-0000", cancellationToken: Ct);
        var moved = await store.TransitionAsync("hgr-linux-0000", InstanceState.Busy, "took job 1", history[0].At.AddSeconds(5), cancellationToken: Ct);

        moved.State.ShouldBe(InstanceState.Busy);
        (await store.GetHistoryAsync("hgr-linux-0000", cancellationToken: Ct))[0].Reason.ShouldBe("took job 1");
        (await store.GetOrAddSettingAsync("controller_id", "new", Ct)).ShouldBe(StoreStateSample.ControllerId);
        var replay = new JobEvent { Forge = "github", JobId = 1, Status = JobStatus.Queued, Repository = "acme/app", DeliveryId = "delivery-1" };
        (await store.RecordJobEventAsync(replay, DateTimeOffset.UtcNow, Ct)).ShouldBe(JobEventOutcome.Duplicate);
    }

    [Fact]
    public async Task CopyAsync_TargetHoldsRows_RefusedWithoutForceAndReplacedWithIt()
    {
        var source = await SampleSqliteAsync("a.db");
        var target = Sqlite("b.db");
        await using (var other = new SqliteStore(target.Sqlite!))
        {
            await other.MigrateAsync(Ct);
            await other.GetOrAddSettingAsync("controller_id", "someone-else", Ct);
            await other.InsertInstanceAsync(new Instance
            {
                Name = "not-in-source", Pool = "p", Provider = "docker", State = InstanceState.Pending, CreatedAt = DateTimeOffset.UnixEpoch, StateChangedAt = DateTimeOffset.UnixEpoch,
            }, "x", Ct);
        }

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => new StoreCopier().CopyAsync(source, target, force: false, Ct).WaitAsync(Timeout, Ct));
        refused.Message.ShouldContain("is not empty (settings: 1, instances: 1, instance_transitions: 1)");
        refused.Message.ShouldContain("--force");
        (await StoreDump.ReadAsync(target, Ct))["settings"].ShouldBe(["controller_id | someone-else"]);

        var result = await new StoreCopier().CopyAsync(source, target, force: true, Ct).WaitAsync(Timeout, Ct);

        result.Replaced.ShouldBe(3);
        StoreDump.Differences(await StoreDump.ReadAsync(source, Ct), await StoreDump.ReadAsync(target, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CopyAsync_PostgresSourceWithALiveLease_RefusedNamingTheReplica()
    {
        var source = await PostgresAsync();
        await using (var replica = new PostgresStore(source.Postgres!))
        {
            await replica.MigrateAsync(Ct);
            await replica.AcquireAsync(["pool:linux"], "replica-a/1234abcd", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow, Ct);
        }

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => new StoreCopier().CopyAsync(source, Sqlite("b.db"), force: false, Ct).WaitAsync(Timeout, Ct));

        refused.Message.ShouldContain("replica replica-a/1234abcd holds lease pool:linux");
        File.Exists(Path.Combine(_dir.FullName, "b.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task CopyAsync_ServerRunsOnTheSqliteSource_Refused()
    {
        var source = await SampleSqliteAsync("a.db");
        using var server = new SqliteServerLock(source.Sqlite!.Path);
        server.Acquire();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => new StoreCopier().CopyAsync(source, Sqlite("b.db"), force: false, Ct).WaitAsync(Timeout, Ct));

        refused.Message.ShouldContain("a Hangar server is running on");
        refused.Message.ShouldContain("stop it before copying");
    }

    [Fact]
    public async Task CopyAsync_SourceHasATableTheCopyDoesNotKnow_RefusedAndTargetUntouched()
    {
        var source = await SampleSqliteAsync("a.db");
        var target = await PostgresAsync();
        await using (var connection = new SqliteConnection($"Data Source={source.Sqlite!.Path}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT);";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => new StoreCopier().CopyAsync(source, target, force: false, Ct).WaitAsync(Timeout, Ct));

        refused.Message.ShouldContain("table audit_log");
        (await StoreDump.ReadAsync(target, Ct)).Values.ShouldAllBe(rows => rows.Count == 0);
    }

    [Fact]
    public async Task CopyAsync_SourceAndTargetAreTheSameFile_Refused()
    {
        var source = await SampleSqliteAsync("a.db");

        var refused = await Should.ThrowAsync<InvalidOperationException>(
            () => new StoreCopier().CopyAsync(source, StoreLocation.Of(new SqliteStoreOptions { Path = Path.Combine(_dir.FullName, ".", "a.db") }), false, Ct));

        refused.Message.ShouldContain("the same store");
    }

    private StoreLocation Sqlite(string file) => StoreLocation.Of(new SqliteStoreOptions { Path = Path.Combine(_dir.FullName, file) });

    private async Task<StoreLocation> SampleSqliteAsync(string file)
    {
        var location = Sqlite(file);
        await using var store = new SqliteStore(location.Sqlite!);
        await store.MigrateAsync(Ct);
        await StoreStateSample.WriteAsync(store, DateTimeOffset.UtcNow, Ct);
        return location;
    }

    private async Task<StoreLocation> PostgresAsync()
    {
        var schema = await PostgresTestServer.CreateSchemaAsync();
        _schemas.Add(schema);
        return StoreLocation.Of(new PostgresStoreOptions { ConnectionString = schema.ConnectionString });
    }
}
