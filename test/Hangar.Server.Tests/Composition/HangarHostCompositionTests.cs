using System.Text.Json;
using System.Text.RegularExpressions;
using Hangar.Configuration;
using Hangar.Core.Providers;
using Hangar.Engine;
using Hangar.Providers.Process;
using Hangar.Store.Sqlite;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Server.Tests.Composition;

/// <summary>What the host's container makes on its own: the controller id, the migrated store, the providers.</summary>
public sealed class HangarHostCompositionTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("hangar-composition-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dataDir.Delete(recursive: true);
    }

    [Fact]
    public async Task Create_NoControllerIdConfigured_GeneratesOneAndKeepsItInTheStore()
    {
        var first = await RunOnceAsync(new HangarConfig { Server = new ServerConfig { DataDir = _dataDir.FullName } });
        var second = await RunOnceAsync(new HangarConfig { Server = new ServerConfig { DataDir = _dataDir.FullName } });

        first.ShouldMatch("^hangar-[0-9a-f]{8}$");
        second.ShouldBe(first);
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_dataDir.FullName, "hangar.db") });
        (await store.GetOrAddSettingAsync("controller_id", "other", Ct).WaitAsync(Timeout, Ct)).ShouldBe(first);
    }

    [Fact]
    public async Task Create_ControllerIdConfigured_UsesIt()
    {
        var config = new HangarConfig { Server = new ServerConfig { DataDir = _dataDir.FullName }, Engine = new EngineOptions { ControllerId = "configured-1" } };

        (await RunOnceAsync(config)).ShouldBe("configured-1");
    }

    [Fact]
    public async Task Create_AppStarts_StoreMigrationAndStartLogReachTheHostsLogging()
    {
        var logs = new RecordingLoggerProvider();
        var config = new HangarConfig { Server = new ServerConfig { DataDir = _dataDir.FullName }, Engine = new EngineOptions { ControllerId = "logged" } };

        await RunOnceAsync(config, services => services.AddSingleton<ILoggerProvider>(logs));

        logs.Entries.ShouldContain(e => e.Category == typeof(SqliteStore).FullName && e.Message.StartsWith("Applied SQLite migration", StringComparison.Ordinal));
        var started = logs.Entries.Where(e => e.EventId.Name == "Started").ShouldHaveSingleItem();
        started.EventId.Id.ShouldBe(5001);
        started.Message.ShouldContain("controller_id=logged");
    }

    [Fact]
    public async Task Create_ProcessProvider_MadeWithTheResolvedControllerIdAndTheHostsClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var workDir = Path.Combine(_dataDir.FullName, "process");
        var config = new HangarConfig
        {
            Server = new ServerConfig { DataDir = _dataDir.FullName },
            Providers = new Dictionary<string, ProviderConfig>
            {
                ["local"] = new() { Process = new ProcessProviderOptions { Name = "local", WorkDir = workDir } },
            },
        };
        await using var app = HangarHost.Create(config, Quiet(o => o with { TimeProvider = clock }));
        var provider = app.Services.GetServices<IProvider>().ShouldHaveSingleItem();

        // A command that ends at once: the record is what is looked at, and nothing is left running.
        await provider.CreateAsync(new RunnerSpec { Name = "runner-1", Pool = "p", Labels = [], Command = ["true"] }, Ct).WaitAsync(Timeout, Ct);

        provider.Name.ShouldBe("local");
        var record = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(workDir, "runner-1", ProcessProvider.RecordFile)), ProcessRecordJsonContext.Default.ProcessRecord);
        record.ShouldNotBeNull().ControllerId.ShouldBe(HangarHost.ControllerId(app));
        Regex.IsMatch(record.ControllerId, "^hangar-[0-9a-f]{8}$").ShouldBeTrue();
        record.CreatedAt.ShouldBe(clock.GetUtcNow());
    }

    private static HangarHostOptions Quiet(Func<HangarHostOptions, HangarHostOptions>? change = null)
    {
        var options = new HangarHostOptions { Listen = "http://127.0.0.1:0", LogFormat = "none", MinimumLogLevel = LogLevel.Information };
        return change is null ? options : change(options);
    }

    /// <summary>Starts and stops the host once, as <c>hangar serve</c> would; returns the controller id it ran with.</summary>
    private static async Task<string> RunOnceAsync(HangarConfig config, Action<IServiceCollection>? configure = null)
    {
        await using var app = HangarHost.Create(config, Quiet(o => o with { ConfigureServices = configure }));
        await app.StartAsync(Ct).WaitAsync(Timeout, Ct);
        var id = HangarHost.ControllerId(app);
        await app.StopAsync(Ct).WaitAsync(Timeout, Ct);
        return id;
    }
}
