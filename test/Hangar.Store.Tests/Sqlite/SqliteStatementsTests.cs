using Hangar.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace Hangar.Store.Tests.Sqlite;

/// <summary>The writer's long-lived connection and the statements prepared once on it.</summary>
public sealed class SqliteStatementsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-statements-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_directory, "hangar.db");

    [Fact]
    public async Task Reused_InTwoWrites_IsTheSameCommandJoinedToEachBatchsTransaction()
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = DatabasePath });

        var first = await ReuseAsync(database, "SELECT 1;");
        var second = await ReuseAsync(database, "SELECT 1;");

        second.ShouldBeSameAs(first);
        // Each write ran it inside its own batch's transaction; neither threw for a transaction mismatch.
        (await database.WriteAsync((connection, ct) => SqliteStatements.Reused(connection, "SELECT 41 + 1;").ExecuteScalarAsync(ct), Ct).WaitAsync(Timeout, Ct))
            .ShouldBe(42L);
    }

    [Fact]
    public async Task ReleaseWriterAsync_AfterQueuedWrites_CommitsThemThenPreparesAfreshOnANewConnection()
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = DatabasePath });
        await database.WriteAsync(async (connection, ct) => await Execute(connection, "CREATE TABLE t (v INTEGER);", ct), Ct).WaitAsync(Timeout, Ct);
        var before = await ReuseAsync(database, "SELECT 1;");

        var queued = Enumerable.Range(0, 20).Select(i => database.WriteAsync((connection, ct) => Execute(connection, $"INSERT INTO t VALUES ({i});", ct), Ct)).ToList();
        await database.ReleaseWriterAsync().WaitAsync(Timeout, Ct);

        queued.ShouldAllBe(write => write.IsCompletedSuccessfully);
        var after = await ReuseAsync(database, "SELECT 1;");
        after.ShouldNotBeSameAs(before);
        (await database.ReadAsync((connection, ct) => Execute(connection, "SELECT count(*) FROM t;", ct), Ct).WaitAsync(Timeout, Ct)).ShouldBe(20L);
    }

    [Fact]
    public async Task WriteAsync_BatchFailsInTheDatabase_NextWriteRunsOnAFreshConnection()
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = DatabasePath });
        var before = await ReuseAsync(database, "SELECT 1;");

        await Should.ThrowAsync<SqliteException>(database.WriteAsync((connection, ct) => Execute(connection, "SELECT * FROM no_such_table;", ct), Ct).WaitAsync(Timeout, Ct));

        (await ReuseAsync(database, "SELECT 1;")).ShouldNotBeSameAs(before);
    }

    [Fact]
    public async Task Reused_OnAConnectionThatIsNotTheWriters_Throws()
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = DatabasePath });

        await Should.ThrowAsync<InvalidOperationException>(database.ReadAsync((connection, _) => Task.FromResult(SqliteStatements.Reused(connection, "SELECT 1;")), Ct).WaitAsync(Timeout, Ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static Task<SqliteCommand> ReuseAsync(SqliteDatabase database, string sql) =>
        database.WriteAsync((connection, _) => Task.FromResult(SqliteStatements.Reused(connection, sql)), Ct).WaitAsync(Timeout, Ct);

    private static async Task<object?> Execute(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
