using Hangar.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hangar.Store.Sqlite;

public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IStore"/> as one <see cref="SqliteStore"/> on <paramref name="path"/>, unless an
    /// <see cref="IStore"/> is registered already. The host still calls <see cref="IStore.MigrateAsync"/> at start.</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string path)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.TryAddSingleton<IStore>(sp => new SqliteStore(
            new SqliteStoreOptions { Path = path },
            sp.GetService<ILogger<SqliteStore>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
