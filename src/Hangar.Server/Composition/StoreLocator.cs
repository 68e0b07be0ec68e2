using Hangar.Configuration;
using Hangar.Store.Copy;
using Hangar.Store.Postgres;
using Hangar.Store.Sqlite;
using Npgsql;

namespace Hangar.Server.Composition;

/// <summary>Where a configuration's store is: the one reading of <c>store</c> that the server and <c>hangar store copy</c> share.</summary>
public static class StoreLocator
{
    /// <param name="dataDir">The configuration's <c>server.data_dir</c>, made absolute.</param>
    /// <exception cref="SecretNotFoundException">The PostgreSQL connection string is nowhere to be found.</exception>
    /// <exception cref="InvalidOperationException">The connection string is not one Npgsql understands, or the type is unknown.</exception>
    public static StoreLocation Locate(StoreConfig store, string dataDir, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Type switch
        {
            StoreConfig.SqliteType => StoreLocation.Of(store.Sqlite ?? new SqliteStoreOptions { Path = Path.Combine(dataDir, "hangar.db") }),
            StoreConfig.PostgresType => StoreLocation.Of(PostgresOptions(store, secrets)),
            _ => throw new InvalidOperationException($"store type '{store.Type}' is not supported; use sqlite or postgres"),
        };
    }

    private static PostgresStoreOptions PostgresOptions(StoreConfig store, IReadOnlyDictionary<string, string> secrets)
    {
        var secret = store.ConnectionString ?? throw new InvalidOperationException("store.connection_string is required for a postgres store");
        var connectionString = SecretResolver.Resolve(secret, secrets);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // Npgsql names the offending keyword, never a value: the message cannot leak the password.
            throw new InvalidOperationException($"store.connection_string (secret '{secret.Name}') is not an Npgsql connection string: {e.Message}", e);
        }

        return new PostgresStoreOptions { ConnectionString = connectionString };
    }
}
