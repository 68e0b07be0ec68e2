using Hangar.Core.Leases;
using Hangar.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Store.Postgres;

public static class PostgresStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IStore"/> as one <see cref="PostgresStore"/>, made with the container's logger and
    /// <see cref="TimeProvider"/>, unless an <see cref="IStore"/> is registered already; and the step that migrates
    /// whichever store is registered before any hosted service starts (<see cref="StoreMigration"/>).
    /// </summary>
    public static IServiceCollection AddHangarPostgresStore(this IServiceCollection services, PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        // The store itself is its own registration, so leases and the change feed reach it without going through IStore
        // (which a live view may wrap, and which then depends on the feed). Disposing it twice (container and a view
        // that wraps it) is harmless.
        services.TryAddSingleton(sp => new PostgresStore(
            options,
            sp.GetRequiredService<ILogger<PostgresStore>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IStore>(sp => sp.GetRequiredService<PostgresStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StoreMigration>());

        // Several replicas may share the database: leases decide who acts, and each replica hears the others' writes.
        services.TryAddSingleton<ILeaseStore>(sp => sp.GetRequiredService<PostgresStore>());
        services.TryAddSingleton(sp => new PostgresChangeFeed(
            sp.GetRequiredService<PostgresStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresChangeFeed>>()));
        services.TryAddSingleton<IStoreChanges>(sp => sp.GetRequiredService<PostgresChangeFeed>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PostgresChangeFeed>());
        return services;
    }
}
