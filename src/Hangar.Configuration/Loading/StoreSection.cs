using Hangar.Store.Sqlite;

namespace Hangar.Configuration.Loading;

internal static class StoreSection
{
    public static readonly string[] Keys = ["type", "path", "connection_string"];

    public static StoreConfig Read(MappingReader? store, string dataDir)
    {
        var defaultPath = Path.Combine(dataDir, "hangar.db");
        if (store is null)
        {
            return new StoreConfig { Sqlite = new SqliteStoreOptions { Path = defaultPath } };
        }

        var type = store.OneOf("type", false, StoreConfig.SqliteType, StoreConfig.PostgresType);
        if (type is null && store.IsPresent("type"))
        {
            // The type is wrong; checking which other keys it allows would only add noise.
            return new StoreConfig();
        }

        if (type is null or StoreConfig.SqliteType)
        {
            store.NotAllowed("connection_string", "only a postgres store takes a connection string");
            return new StoreConfig { Sqlite = new SqliteStoreOptions { Path = store.FilePath("path") ?? defaultPath } };
        }

        store.NotAllowed("path", "only a sqlite store takes a path");
        return new StoreConfig
        {
            Type = type,
            ConnectionString = store.Secret("connection_string", "postgres-connection-string", required: true),
        };
    }
}
