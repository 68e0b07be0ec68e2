using System.Security.Cryptography;
using Hangar.Core.Storage;
using Hangar.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hangar.Server.Composition;

/// <summary>The id this installation marks every machine and runner with: <c>server.controller_id</c> when set, else
/// the one generated on the first start and kept in the store, so it survives restarts.</summary>
internal static class ControllerIdentity
{
    public const string SettingKey = "controller_id";

    /// <summary>
    /// Registers the engine's options as the container makes them, with the controller id filled in. Call it before
    /// <c>AddHangarEngine</c>, whose <c>TryAdd</c> then keeps these; the providers read the id from them.
    /// </summary>
    public static IServiceCollection AddHangarControllerIdentity(this IServiceCollection services, EngineOptions configured)
    {
        services.TryAddSingleton(sp => Resolve(configured, sp));
        return services;
    }

    private static EngineOptions Resolve(EngineOptions configured, IServiceProvider services)
    {
        if (configured.ControllerId.Length > 0)
        {
            return configured;
        }

        var store = services.GetRequiredService<IStore>();
        var candidate = "hangar-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        // A container factory cannot await. This runs once, while the host builds its hosted services and before it
        // starts any, so nothing waits on it; Task.Run keeps a caller's synchronization context out of the wait. The
        // settings table comes with the schema, hence the migration first (StoreMigration then finds nothing to do).
        var id = Task.Run(async () =>
        {
            await store.MigrateAsync(CancellationToken.None).ConfigureAwait(false);
            return await store.GetOrAddSettingAsync(SettingKey, candidate, CancellationToken.None).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
        return configured with { ControllerId = id };
    }
}
