using Hangar.Core.Storage;
using Hangar.Store.Sqlite;
using Hangar.Testing.Storage;

namespace Hangar.Store.Tests.Sqlite;

/// <summary>A SQLite database file in a directory of its own, deleted with everything in it when the test ends.</summary>
public sealed class SqliteStoreBackend : IStoreBackend
{
    private readonly List<SqliteStore> _stores = [];

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("hangar-store-").FullName;

    /// <summary>A directory that does not exist yet: the store must create it.</summary>
    public string DatabasePath => Path.Combine(Directory, "data", "nested", "hangar.db");

    public Task<IStore> CreateStoreAsync() => Task.FromResult<IStore>(Open());

    public async Task<IStore> ReopenAsync(IStore store)
    {
        await ((SqliteStore)store).DisposeAsync();
        return Open();
    }

    /// <summary>Another store over this test's database, as a second process would open it.</summary>
    internal SqliteStore Open(string? path = null)
    {
        var store = new SqliteStore(new SqliteStoreOptions { Path = path ?? DatabasePath });
        _stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
