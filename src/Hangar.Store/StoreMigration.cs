using Hangar.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Hangar.Store;

/// <summary>
/// Brings the store's schema up to date when the host starts. It migrates in <see cref="StartingAsync"/>, which the
/// host runs before any hosted service's <c>StartAsync</c>, so startup recovery and the loops (however they are
/// registered) only ever see a migrated store. Registered by type, not by factory, so a host or test that removes
/// factory-made services keeps it.
/// </summary>
internal sealed class StoreMigration(IStore store) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
