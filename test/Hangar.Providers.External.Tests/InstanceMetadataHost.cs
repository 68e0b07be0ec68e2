using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Engine;
using Hangar.Server.Instances;
using Hangar.Store.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(Hangar.Providers.External.Tests.InstanceMetadataHost))]

namespace Hangar.Providers.External.Tests;

/// <summary>
/// What an external provider's machines call, for tests that run the provider without the whole server: Hangar's own
/// metadata and callback endpoints (<c>MapInstanceEndpoints</c>) on a loopback port, over a real SQLite store with real
/// instance tokens, and the <see cref="InstanceSecrets"/> the providers hold credentials in. A machine (a container on
/// the host network) fetches its install script and credentials here with the token issued for its instance.
/// </summary>
public sealed class InstanceMetadataHost : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-metadata-host-").FullName;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private SqliteStore? _store;

    public InstanceSecrets Secrets { get; } = new();

    /// <summary>Where machines reach the endpoints (the provider's <c>callback_url</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    internal SqliteStore Store => _store ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_directory, "hangar.db") });
        await _store.MigrateAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Hangar.Core.Storage.IStore>(_store);
        builder.Services.AddSingleton(new EngineOptions { ControllerId = "metadata-host" });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Secrets);
        builder.Services.AddSingleton<InstanceTokens>();
        builder.Services.AddSingleton<InstanceReports>();
        builder.Services.AddSingleton(sp => new PoolCatalog(sp.GetRequiredService<EngineOptions>()));
        builder.Services.AddProblemDetails();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        _app = builder.Build();
        _app.MapInstanceEndpoints();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>
    /// The instance token of runner <paramref name="name"/>: the first call stores the instance (booting, as after a
    /// create) and issues one; later calls return the same, as the machine holds only that one.
    /// </summary>
    public Task<string> TokenForAsync(string name, string pool) =>
        _tokens.GetOrAdd(name, _ => new Lazy<Task<string>>(() => IssueAsync(name, pool))).Value;

    private async Task<string> IssueAsync(string name, string pool)
    {
        var now = DateTimeOffset.UtcNow;
        await Store.InsertInstanceAsync(
            new Instance { Name = name, Pool = pool, Provider = "garm-docker", State = InstanceState.Pending, CreatedAt = now, StateChangedAt = now },
            "made by the contract test");
        await Store.TransitionAsync(name, InstanceState.Provisioning, "provisioning", now);
        await Store.TransitionAsync(name, InstanceState.Booting, "created at provider", now);
        var tokens = _app!.Services.GetRequiredService<InstanceTokens>();
        return await tokens.IssueAsync(name, TimeSpan.FromHours(1));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
