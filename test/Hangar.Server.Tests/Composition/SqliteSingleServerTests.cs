using Hangar.Configuration;
using Hangar.Engine;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.Composition;

/// <summary>A SQLite installation has one server: a second one on the same file is refused before it does anything.</summary>
public sealed class SqliteSingleServerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("hangar-sqlite-single-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dataDir.Delete(recursive: true);

    private Microsoft.AspNetCore.Builder.WebApplication Create() => HangarHost.Create(
        new HangarConfig
        {
            Server = new ServerConfig { DataDir = _dataDir.FullName },
            Engine = new EngineOptions { ControllerId = "single-" + Guid.NewGuid().ToString("N")[..8] },
        },
        new HangarHostOptions { Listen = "http://127.0.0.1:0", LogFormat = "none", MinimumLogLevel = LogLevel.Warning });

    [Fact]
    public async Task Start_SecondServerOnTheSameSqliteFile_RefusedWithAClearError()
    {
        await using var first = Create();
        await first.StartAsync(Ct).WaitAsync(Timeout, Ct);
        await using var second = Create();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => second.StartAsync(Ct).WaitAsync(Timeout, Ct));

        refused.Message.ShouldContain("another Hangar server uses the SQLite database");
        refused.Message.ShouldContain(Path.Combine(_dataDir.FullName, "hangar.db"));
        await first.StopAsync(Ct).WaitAsync(Timeout, Ct);
    }

    [Fact]
    public async Task Start_AfterTheFirstServerStopped_Succeeds()
    {
        await using (var first = Create())
        {
            await first.StartAsync(Ct).WaitAsync(Timeout, Ct);
            await first.StopAsync(Ct).WaitAsync(Timeout, Ct);
        }

        await using var second = Create();
        await second.StartAsync(Ct).WaitAsync(Timeout, Ct);
        await second.StopAsync(Ct).WaitAsync(Timeout, Ct);
    }
}
