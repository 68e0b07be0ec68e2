using Hangar.Configuration;
using Microsoft.Extensions.Configuration;

namespace Hangar.Server.Tests.Composition;

/// <summary>The host's content root is the data directory, where SQLite writes its WAL on every commit: nothing may
/// watch it, or each durable write becomes an inotify event for a watcher thread to handle (measured on intake).</summary>
public sealed class HangarHostFileWatchTests : IDisposable
{
    private readonly DirectoryInfo _dataDir = Directory.CreateTempSubdirectory("hangar-file-watch-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dataDir.Delete(recursive: true);
    }

    [Fact]
    public async Task Create_DefaultConfigurationFiles_AreNotWatched()
    {
        await using var app = HangarHost.Create(new HangarConfig { Server = new ServerConfig { DataDir = _dataDir.FullName } });

        var files = ((IConfigurationBuilder)app.Configuration).Sources.OfType<FileConfigurationSource>().ToList();

        // The slim builder adds appsettings.json and appsettings.{environment}.json: they must be there to be judged.
        files.ShouldNotBeEmpty();
        files.ShouldAllBe(source => !source.ReloadOnChange);
    }
}
