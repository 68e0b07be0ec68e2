using Hangar.Core.Storage;
using Hangar.Store.Postgres;
using Hangar.Testing.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Store.Tests.Postgres;

/// <summary>A schema of its own on the test server, dropped with everything in it when the test ends.</summary>
public sealed class PostgresStoreBackend : IStoreBackend
{
    private readonly List<PostgresStore> _stores = [];
    private PostgresTestSchema? _schema;

    /// <summary>This test's schema; made by the first store.</summary>
    public PostgresTestSchema Schema => _schema ?? throw new InvalidOperationException("no store was created yet");

    public async Task<IStore> CreateStoreAsync() => await OpenAsync();

    public async Task<IStore> ReopenAsync(IStore store)
    {
        await ((PostgresStore)store).DisposeAsync();
        _stores.Remove((PostgresStore)store);
        return await OpenAsync();
    }

    /// <summary>Another store over this test's schema, as another replica would open it.</summary>
    /// <param name="connectionString">Adjusts the connection string (a pool size, an application name).</param>
    internal async Task<PostgresStore> OpenAsync(Func<string, string>? connectionString = null, ILogger<PostgresStore>? logger = null)
    {
        _schema ??= await PostgresTestServer.CreateSchemaAsync();
        var options = new PostgresStoreOptions { ConnectionString = connectionString?.Invoke(_schema.ConnectionString) ?? _schema.ConnectionString };
        var store = new PostgresStore(options, logger);
        _stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
