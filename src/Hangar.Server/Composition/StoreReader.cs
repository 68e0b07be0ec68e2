using Hangar.Configuration;
using Hangar.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Composition;

/// <summary>
/// The configured store opened for reading by a command beside a running server (<c>hangar trace export</c>): no
/// migration, no server lock and no engine. SQLite readers in WAL mode do not block the server's writer.
/// </summary>
public sealed class StoreReader : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StoreReader(ServiceProvider services) => _services = services;

    public IStore Store => _services.GetRequiredService<IStore>();

    /// <exception cref="SecretNotFoundException">The PostgreSQL connection string is nowhere to be found.</exception>
    public static StoreReader Open(HangarConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        IServiceCollection services = new ServiceCollection();
        var dataDir = Path.GetFullPath(config.Server.DataDir);

        // Registered without the lock, the live view or the migration step: nothing here writes.
        var registered = new ServiceCollection();
        registered.AddHangarStore(config.Store, dataDir, new Dictionary<string, string>());
        foreach (var descriptor in registered.Where(d => d.ServiceType != typeof(Microsoft.Extensions.Hosting.IHostedService)))
        {
            services.Add(descriptor);
        }

        return new StoreReader(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
