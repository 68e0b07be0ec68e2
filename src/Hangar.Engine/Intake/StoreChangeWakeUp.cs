using Hangar.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hangar.Engine.Intake;

/// <summary>
/// A job event (or an operator's request) stored by another replica wakes converge here at once, through the store's change
/// feed, not on the next timer: the pool's owner may be this replica. After the feed reconnects it wakes converge too,
/// since a notification may have been missed. A store without a feed (one replica) needs none: intake nudges itself.
/// </summary>
internal sealed class StoreChangeWakeUp(IServiceProvider services, ConvergeSignal signal) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = services.GetService<IStoreChanges>()?.Subscribe(change =>
        {
            if (change.Kind is StoreChangeKind.Jobs or StoreChangeKind.Operators or StoreChangeKind.Resync)
            {
                signal.Nudge();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }
}
