using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>
/// One database under test for <see cref="StoreContractTests{TBackend}"/>: each implementation of
/// <see cref="IStore"/> supplies one (SQLite: a file in a temp directory; PostgreSQL: a fresh database on the test
/// server). One instance per test; disposing it closes every store it made and drops the database.
/// </summary>
public interface IStoreBackend : IAsyncDisposable
{
    /// <summary>A store over a new, empty database. The suite migrates it.</summary>
    Task<IStore> CreateStoreAsync();

    /// <summary>Closes <paramref name="store"/> and returns a new store over the same database, as a restarted
    /// process would get. The suite migrates it.</summary>
    Task<IStore> ReopenAsync(IStore store);
}
