using Hangar.Configuration;
using Hangar.Store.Sqlite;

namespace Hangar.Server.Composition;

internal static class StoreComposition
{
    /// <summary>The options of the configured store; only SQLite exists so far.</summary>
    public static SqliteStoreOptions SqliteOptions(StoreConfig store, string dataDir) => store.Type == StoreConfig.SqliteType
        ? store.Sqlite ?? new SqliteStoreOptions { Path = Path.Combine(dataDir, "hangar.db") }
        : throw new InvalidOperationException($"store type '{store.Type}' is not supported yet; use sqlite");
}
