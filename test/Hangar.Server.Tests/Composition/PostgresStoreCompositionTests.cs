using Hangar.Configuration;
using Hangar.Core.Storage;
using Hangar.Providers.Process;
using Hangar.Store.Postgres;
using Hangar.Store.Views;
using Hangar.Testing;
using Hangar.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.Composition;

/// <summary><c>store: {type: postgres}</c> as the host composes it: the secret resolved, the store picked by type, host-local providers warned about.</summary>
public sealed class PostgresStoreCompositionTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("hangar-pg-composition-");
    private readonly RecordingLoggerProvider _logs = new();
    private PostgresTestSchema _schema = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _schema = await PostgresTestServer.CreateSchemaAsync();

    public async ValueTask DisposeAsync()
    {
        await _schema.DisposeAsync();
        _dataDir.Delete(recursive: true);
    }

    private HangarConfig Config(IReadOnlyDictionary<string, ProviderConfig>? providers = null) => new()
    {
        Server = new ServerConfig { DataDir = _dataDir.FullName },
        Store = new StoreConfig { Type = StoreConfig.PostgresType, ConnectionString = new SecretRef("pg", Env: "HANGAR_TEST_UNSET_PG") },
        Providers = providers ?? new Dictionary<string, ProviderConfig>(),
    };

    private async Task RunOnceAsync(HangarConfig config, string connectionString)
    {
        await using var app = HangarHost.Create(config, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Information,
            SecretOverrides = new Dictionary<string, string> { ["pg"] = connectionString },
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_logs),
        });
        // The live view wraps the PostgreSQL store (it hears other replicas through the change feed).
        app.Services.GetRequiredService<IStore>().ShouldBeOfType<ViewedStore>();
        app.Services.GetRequiredService<PostgresStore>().ShouldNotBeNull();
        await app.StartAsync(Ct).WaitAsync(Timeout, Ct);
        await app.StopAsync(Ct).WaitAsync(Timeout, Ct);
    }

    [Fact]
    public async Task Create_PostgresStore_MigratedThereAndTheStartLogNamesTheDatabaseWithoutCredentials()
    {
        var withPassword = _schema.ConnectionString + ";Password=hunter2";

        await RunOnceAsync(Config(), withPassword);

        // No controller id configured: the one generated is kept in PostgreSQL.
        var controllerId = (string)(await _schema.ExecuteAsync("SELECT value FROM settings WHERE key = 'controller_id';"))!;
        controllerId.ShouldMatch("^hangar-[0-9a-f]{8}$");
        var started = _logs.Entries.Where(e => e.EventId.Name == "Started").ShouldHaveSingleItem();
        started.Message.ShouldContain($"controller_id={controllerId}");
        started.Message.ShouldContain($"store=postgres://127.0.0.1:55432/{PostgresTestServer.Database}");
        _logs.Entries.ShouldAllBe(e => !e.Message.Contains("hunter2"));
        File.Exists(Path.Combine(_dataDir.FullName, "hangar.db")).ShouldBeFalse();
        _logs.Entries.ShouldNotContain(e => e.EventId.Name == "HostLocalProvider");
    }

    [Fact]
    public async Task Create_PostgresStoreWithAProcessProvider_WarnsThatItIsHostLocalAndStillStarts()
    {
        var providers = new Dictionary<string, ProviderConfig>
        {
            ["local"] = new() { Process = new ProcessProviderOptions { Name = "local", WorkDir = Path.Combine(_dataDir.FullName, "process") } },
        };

        await RunOnceAsync(Config(providers), _schema.ConnectionString);

        var warning = _logs.Entries.Where(e => e.EventId.Name == "HostLocalProvider").ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain("provider local (process)");
    }

    [Fact]
    public void Create_ConnectionStringNpgsqlDoesNotKnow_ThrowsNamingTheSecretButNotItsValue()
    {
        var ex = Should.Throw<InvalidOperationException>(() => HangarHost.Create(Config(), new HangarHostOptions
        {
            SecretOverrides = new Dictionary<string, string> { ["pg"] = "Host=db;Password=hunter2;Colour=blue" },
        }));

        ex.Message.ShouldContain("secret 'pg'");
        ex.Message.ShouldContain("colour");
        ex.Message.ShouldNotContain("hunter2");
    }

    [Fact]
    public void Create_ConnectionStringNowhere_ThrowsSecretNotFound() =>
        Should.Throw<SecretNotFoundException>(() => HangarHost.Create(Config())).Message.ShouldContain("HANGAR_TEST_UNSET_PG");
}
