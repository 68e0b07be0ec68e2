using Hangar.Store.Postgres;
using Npgsql;

namespace Hangar.Store.Tests.Postgres;

/// <summary>The probe readiness uses: a read on a pool of its own, never behind a write, failing within seconds.</summary>
public sealed class PostgresProbeTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly PostgresStoreBackend _backend = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    /// <summary>Another session that has run <paramref name="sql"/> in a transaction it keeps open.</summary>
    private async Task<NpgsqlConnection> OpenOtherSessionAsync(string sql)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_backend.Schema.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("BEGIN; " + sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
        return connection;
    }

    [Fact]
    public async Task ProbeAsync_WritesBlockedByAnotherSession_AnswersWhileAWriteWaits()
    {
        var store = await _backend.OpenAsync();
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        await using var other = await OpenOtherSessionAsync("LOCK TABLE settings IN EXCLUSIVE MODE;");
        var write = store.GetOrAddSettingAsync("queued", "v", Ct);

        await store.ProbeAsync(Ct).WaitAsync(Timeout, Ct);

        // The lock is still held: the write cannot have committed, so the probe did not wait for it.
        write.IsCompleted.ShouldBeFalse();
        await using (var rollback = new NpgsqlCommand("ROLLBACK;", other))
        {
            await rollback.ExecuteNonQueryAsync(Ct);
        }

        (await write.WaitAsync(Timeout, Ct)).ShouldBe("v");
    }

    [Fact]
    public async Task ProbeAsync_SchemaLockedAgainstReads_ThrowsWithinItsOwnTimeout()
    {
        var store = await _backend.OpenAsync();
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        await using var other = await OpenOtherSessionAsync("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE;");

        await Should.ThrowAsync<NpgsqlException>(() => store.ProbeAsync(Ct).WaitAsync(Timeout, Ct));
    }

    [Fact]
    public async Task ProbeAsync_NoServerListening_Throws()
    {
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=postgres;Database=none" });

        await Should.ThrowAsync<NpgsqlException>(() => store.ProbeAsync(Ct).WaitAsync(Timeout, Ct));
    }
}
