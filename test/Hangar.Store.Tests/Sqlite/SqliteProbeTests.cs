using Hangar.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Tests.Sqlite;

/// <summary>The probe readiness uses reads beside the writer queue, whatever holds the write lock.</summary>
public sealed class SqliteProbeTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-probe-").FullName;
    private SqliteStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_directory, "hangar.db");

    public async ValueTask InitializeAsync()
    {
        // A long busy timeout: the queued write must still be waiting, not failed, when the probe answers.
        _store = new SqliteStore(new SqliteStoreOptions { Path = DatabasePath, BusyTimeout = TimeSpan.FromMinutes(5) });
        await _store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<SqliteConnection> OpenOtherProcessAsync(string sql)
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
        return connection;
    }

    [Fact]
    public async Task ProbeAsync_WriteLockHeldElsewhereAndAWriteQueued_AnswersWhileTheWriteWaits()
    {
        await using var other = await OpenOtherProcessAsync("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('other', 'x');");
        var write = _store.GetOrAddSettingAsync("queued", "v", Ct);

        await _store.ProbeAsync(Ct).WaitAsync(Timeout, Ct);

        // The lock is still ours: the queued write cannot have committed, so the probe did not go through the writer.
        write.IsCompleted.ShouldBeFalse();
        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(Ct);
        }

        (await write.WaitAsync(Timeout, Ct)).ShouldBe("v");
    }

    [Fact]
    public async Task ProbeAsync_DatabaseLockedExclusivelyElsewhere_Throws()
    {
        // Exclusive locking mode in WAL keeps every other connection from reading at all. It can only be taken while no
        // other connection has the file open, so the store's writer connection and pooled connections are closed first.
        await _store.ReleaseWriterAsync().WaitAsync(Timeout, Ct);
        SqliteConnection.ClearAllPools();
        await using var other = await OpenOtherProcessAsync("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM settings;");

        await Should.ThrowAsync<SqliteException>(() => _store.ProbeAsync(Ct).WaitAsync(Timeout, Ct));
    }
}
