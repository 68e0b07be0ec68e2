using Hangar.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace Hangar.Store.Tests.Sqlite;

/// <summary>Writes queued together share one transaction, yet each keeps its own outcome.</summary>
public sealed class SqliteGroupCommitTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-group-commit-").FullName;

    private string DatabasePath => Path.Combine(_directory, "hangar.db");

    [Fact]
    public async Task WriteAsync_ConcurrentWritesWhereSomeThrow_OnlyTheThrowingOnesAreRolledBack()
    {
        await using (var store = new SqliteStore(new SqliteStoreOptions { Path = DatabasePath }))
        {
            await store.MigrateAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = DatabasePath });
        var writes = Enumerable.Range(0, 200).Select(i => database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO settings (key, value) VALUES ($key, 'v');";
            command.Parameters.AddWithValue("$key", $"k{i}");
            await command.ExecuteNonQueryAsync(ct);
            if (i % 3 == 0)
            {
                throw new InvalidOperationException($"write {i} refused");
            }

            return i;
        }, TestContext.Current.CancellationToken)).ToArray();

        for (var i = 0; i < writes.Length; i++)
        {
            if (i % 3 == 0)
            {
                (await Should.ThrowAsync<InvalidOperationException>(writes[i].WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))).Message.ShouldBe($"write {i} refused");
            }
            else
            {
                (await writes[i].WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).ShouldBe(i);
            }
        }

        var keys = await database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT key FROM settings WHERE key LIKE 'k%';";
            var found = new HashSet<string>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                found.Add(reader.GetString(0));
            }

            return found;
        }, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        keys.ShouldBe(Enumerable.Range(0, 200).Where(i => i % 3 != 0).Select(i => $"k{i}"), ignoreOrder: true);
    }

    [Fact]
    public async Task WriteAsync_AlreadyCancelled_RunsNothing()
    {
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = DatabasePath });
        var ran = false;
        var write = database.WriteAsync((_, _) =>
        {
            ran = true;
            return Task.FromResult(0);
        }, new CancellationToken(canceled: true));

        await Should.ThrowAsync<OperationCanceledException>(write.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        ran.ShouldBeFalse();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
