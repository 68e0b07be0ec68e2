using Hangar.Configuration;
using Hangar.Core.Pools;
using Hangar.Store.Postgres;
using Hangar.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Composition;

/// <summary>Registers the configured store by its type.</summary>
internal static class StoreComposition
{
    /// <summary>Registers the store <paramref name="store"/> names and returns where it is, without credentials, for logs.</summary>
    /// <exception cref="SecretNotFoundException">The PostgreSQL connection string is nowhere to be found.</exception>
    /// <exception cref="InvalidOperationException">The connection string is not one Npgsql understands.</exception>
    public static string AddHangarStore(this IServiceCollection services, StoreConfig store, string dataDir, IReadOnlyDictionary<string, string> secrets)
    {
        var location = StoreLocator.Locate(store, dataDir, secrets);
        switch (store.Type)
        {
            case StoreConfig.SqliteType:
                var sqlite = location.Sqlite!;

                // Before the store's migration (hosted services start in registration order): one server per file.
                services.AddSingleton<IHostedService>(new SqliteServerLock(sqlite.Path));
                services.AddHangarSqliteStore(sqlite);

                // One process owns the file, so every write passes through the view.
                services.AddHangarLiveView();
                return sqlite.Path;
            case StoreConfig.PostgresType:
                var postgres = location.Postgres!;
                services.AddHangarPostgresStore(postgres);

                // Other replicas' writes reach the view through the change feed (LISTEN/NOTIFY).
                services.AddHangarLiveView();
                return postgres.Describe();
            default:
                throw new InvalidOperationException($"store type '{store.Type}' is not supported; use sqlite or postgres");
        }
    }

    /// <summary>
    /// Warns about providers that only this host can reach. With a PostgreSQL store the installation is meant to run as
    /// several replicas, and a pool may be served by whichever replica owns it: a container on this host's Docker
    /// socket is out of every other replica's reach. A process provider's pools must be pinned to a replica (the loader
    /// refuses them otherwise); a provider whose every pool is pinned is reached from its pools' replica only, as meant.
    /// </summary>
    public static void WarnAboutHostLocalProviders(StoreConfig store, IEnumerable<ProviderConfig> providers, IReadOnlyList<PoolSpec> pools, ILogger logger)
    {
        if (store.Type != StoreConfig.PostgresType)
        {
            return;
        }

        foreach (var provider in providers)
        {
            var users = pools.Where(p => p.Provider == provider.Name).ToList();
            if (users.Count > 0 && users.All(p => p.Replica is not null))
            {
                continue;
            }

            if (provider.Process is not null)
            {
                ServerLog.HostLocalProvider(logger, provider.Name, provider.Type, "its runners are processes on this host");
            }
            else if (provider.Docker is { } docker && docker.Endpoint.StartsWith("unix://", StringComparison.Ordinal))
            {
                ServerLog.HostLocalProvider(logger, provider.Name, provider.Type, $"its endpoint {docker.Endpoint} is a socket on this host");
            }
        }
    }
}
