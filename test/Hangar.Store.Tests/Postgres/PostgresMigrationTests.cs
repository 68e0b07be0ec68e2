using Hangar.Store.Postgres;
using Hangar.Testing;
using Microsoft.Extensions.Logging;

namespace Hangar.Store.Tests.Postgres;

/// <summary>The PostgreSQL store's own migrations: replicas starting together, a schema from a newer Hangar, the search path.</summary>
public sealed class PostgresMigrationTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly PostgresStoreBackend _backend = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    [Fact]
    public async Task MigrateAsync_FourReplicasAtOnceOnAnEmptySchema_EachMigrationAppliedOnce()
    {
        var logs = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var replicas = new List<PostgresStore>();
        for (var i = 0; i < 4; i++)
        {
            replicas.Add(await _backend.OpenAsync(logger: loggers.CreateLogger<PostgresStore>()));
        }

        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.MigrateAsync(Ct), Ct))).WaitAsync(Timeout, Ct);

        logs.Entries.Count(e => e.EventId.Name == "PostgresMigrationApplied").ShouldBe(PostgresMigrator.All.Count);
        logs.Entries.Count(e => e.EventId.Name == "PostgresSchemaUpToDate").ShouldBe(3);
        (await _backend.Schema.ExecuteAsync("SELECT count(*) FROM schema_migrations;")).ShouldBe((long)PostgresMigrator.All.Count);
        (await replicas[3].GetOrAddSettingAsync("k", "v", Ct)).ShouldBe("v");
    }

    [Fact]
    public async Task MigrateAsync_SchemaFromNewerHangar_RefusesToRunAndSaysSo()
    {
        var store = await _backend.OpenAsync();
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        await _backend.Schema.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future', now());");

        var newer = await _backend.OpenAsync();
        var ex = await Should.ThrowAsync<InvalidOperationException>(() => newer.MigrateAsync(Ct).WaitAsync(Timeout, Ct));

        ex.Message.ShouldContain("9999");
        ex.Message.ShouldContain("upgrade Hangar");
    }

    [Fact]
    public async Task MigrateAsync_SearchPathNamesASchema_TablesAreCreatedThereOnly()
    {
        var store = await _backend.OpenAsync();
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);

        var schema = _backend.Schema.Name;
        (await _backend.Schema.ExecuteAsync(
                $"SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = '{schema}';"))
            .ShouldBe("api_tokens,deliveries,instance_boot_logs,instance_tokens,instance_transitions,instances,jobs,leases,operator_actions,pool_overrides,runner_removals,scale_set_cursors,schema_migrations,settings");
        (await _backend.Schema.ExecuteAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public';")).ShouldBe(0L);
    }
}
