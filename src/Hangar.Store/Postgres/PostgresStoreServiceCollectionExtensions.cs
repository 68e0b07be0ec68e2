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
        services.TryAddSingleton<IStore>(sp => new PostgresStore(
            options,
            sp.GetRequiredService<ILogger<PostgresStore>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StoreMigration>());

        // Several replicas may share the database: leases decide who acts, and each replica hears the others' writes.
        services.TryAddSingleton(sp => (ILeaseStore)sp.GetRequiredService<IStore>());
        services.TryAddSingleton(sp => new PostgresChangeFeed(
            (PostgresStore)sp.GetRequiredService<IStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresChangeFeed>>()));
        services.TryAddSingleton<IStoreChanges>(sp => sp.GetRequiredService<PostgresChangeFeed>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PostgresChangeFeed>());
        return services;
    }
}
