using Hangar.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Store.Sqlite;

public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IStore"/> as one <see cref="SqliteStore"/>, made with the container's logger and
    /// <see cref="TimeProvider"/>, unless an <see cref="IStore"/> is registered already; and the step that migrates
    /// whichever store is registered before any hosted service starts (<see cref="StoreMigration"/>).
    /// </summary>
    public static IServiceCollection AddHangarSqliteStore(this IServiceCollection services, SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStore>(sp => new SqliteStore(
            options,
            sp.GetRequiredService<ILogger<SqliteStore>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StoreMigration>());
        return services;
    }
}
