using Hangar.Core.Storage;
using Hangar.Store.Postgres;
using Hangar.Testing;
using Hangar.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Store.Tests.Postgres;

/// <summary>The PostgreSQL store as a host composes it: made by the container, migrated before any hosted service starts.</summary>
public sealed class PostgresStoreServiceCollectionExtensionsTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private PostgresTestSchema _schema = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PostgresStoreOptions Options => new() { ConnectionString = _schema.ConnectionString };

    public async ValueTask InitializeAsync() => _schema = await PostgresTestServer.CreateSchemaAsync();

    public ValueTask DisposeAsync() => _schema.DisposeAsync();

    [Fact]
    public async Task AddHangarPostgresStore_Registered_ResolvesOnePostgresStore()
    {
        await using var provider = new ServiceCollection().AddHangarPostgresStore(Options).BuildServiceProvider();

        var store = provider.GetRequiredService<IStore>();

        store.ShouldBeOfType<PostgresStore>();
        provider.GetRequiredService<IStore>().ShouldBeSameAs(store);
    }

    [Fact]
    public async Task AddHangarPostgresStore_HostStarts_MigratedFirstWithTheContainersLoggingAndClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var logs = new RecordingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        builder.Services.AddSingleton<TimeProvider>(clock);
        // Registered before the store on purpose: the migration must not depend on registration order.
        builder.Services.AddSingleton<SettingReader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SettingReader>());
        builder.Services.AddHangarPostgresStore(Options);
        using var host = builder.Build();

        await host.StartAsync(Ct).WaitAsync(Timeout, Ct);
        await host.StopAsync(Ct).WaitAsync(Timeout, Ct);

        host.Services.GetRequiredService<SettingReader>().Value.ShouldBe("read at start");
        logs.Entries.ShouldContain(e => e.Category == typeof(PostgresStore).FullName && e.EventId.Id == 2500);
        (await _schema.ExecuteAsync("SELECT min(applied_at) FROM schema_migrations;")).ShouldBe(clock.GetUtcNow().UtcDateTime);
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
