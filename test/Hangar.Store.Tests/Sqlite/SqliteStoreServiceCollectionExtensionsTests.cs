using Hangar.Core.Storage;
using Hangar.Store.Sqlite;
using Hangar.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Store.Tests.Sqlite;

/// <summary>The store as a host composes it: made by the container, migrated before any hosted service starts.</summary>
public sealed class SqliteStoreServiceCollectionExtensionsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-store-di-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteStoreOptions Options => new() { Path = Path.Combine(_directory, "di", "hangar.db") };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AddHangarSqliteStore_Registered_ResolvesOneSqliteStore()
    {
        var services = new ServiceCollection().AddHangarSqliteStore(Options);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IStore>();

        store.ShouldBeOfType<SqliteStore>();
        provider.GetRequiredService<IStore>().ShouldBeSameAs(store);
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);
        (await store.GetOrAddSettingAsync("k", "v", Ct).WaitAsync(Timeout, Ct)).ShouldBe("v");
    }

    [Fact]
    public async Task AddHangarSqliteStore_StoreAlreadyRegistered_KeepsIt()
    {
        await using var existing = new SqliteStore(Options);
        var services = new ServiceCollection();
        services.AddSingleton<IStore>(existing);

        services.AddHangarSqliteStore(Options);

        services.Where(d => d.ServiceType == typeof(IStore)).ShouldHaveSingleItem().ImplementationInstance.ShouldBeSameAs(existing);
    }

    [Fact]
    public async Task AddHangarSqliteStore_HostStarts_StoreIsMigratedBeforeAnyServiceStarts()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // Registered before the store on purpose: the migration must not depend on registration order.
        builder.Services.AddSingleton<SettingReader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SettingReader>());
        builder.Services.AddHangarSqliteStore(Options);
        using var host = builder.Build();

        await host.StartAsync(Ct).WaitAsync(Timeout, Ct);
        await host.StopAsync(Ct).WaitAsync(Timeout, Ct);

        host.Services.GetRequiredService<SettingReader>().Value.ShouldBe("read at start");
    }

    [Fact]
    public async Task AddHangarSqliteStore_Migration_LogsToTheContainersLoggingAndUsesItsClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var logs = new RecordingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddHangarSqliteStore(Options);
        using var host = builder.Build();

        await host.StartAsync(Ct).WaitAsync(Timeout, Ct);
        await host.StopAsync(Ct).WaitAsync(Timeout, Ct);

        logs.Entries.ShouldContain(e => e.Category == typeof(SqliteStore).FullName && e.Message.StartsWith("Applied SQLite migration", StringComparison.Ordinal));
        await using var connection = new SqliteConnection($"Data Source={Options.Path}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(applied_at) FROM schema_migrations;";
        ((long)(await command.ExecuteScalarAsync(Ct))!).ShouldBe(clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>Reads the store in <c>StartAsync</c>, which fails on a store that is not migrated yet.</summary>
    private sealed class SettingReader(IStore store) : IHostedService
    {
        public string? Value { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken) =>
            Value = await store.GetOrAddSettingAsync("probe", "read at start", cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
