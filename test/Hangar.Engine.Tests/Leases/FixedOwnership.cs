using Hangar.Core.Leases;
using Hangar.Engine.Leases;
using Microsoft.Extensions.Hosting;

namespace Hangar.Engine.Tests.Leases;

/// <summary>A replica that holds exactly the leases a test gives it, at the epochs it names (the rows are taken in the
/// real store by the test, so fenced writes are checked against them). Records what it was asked for.</summary>
internal sealed class FixedOwnership(string holder, IReadOnlyDictionary<string, long> held) : ILeaseOwnership, IHostedService
{
    public string Holder => holder;

    public bool IsSingleReplica => false;

    public event Func<LeasedWork, CancellationToken, Task>? Acquired
    {
        add { }
        remove { }
    }

    public LeasedWork? TryGet(string lease) =>
        held.TryGetValue(lease, out var epoch) ? new LeasedWork(lease, epoch, new LeaseFence(lease, holder, epoch), CancellationToken.None) : null;

    public Task<LeasedWork> AcquireAsync(string lease, CancellationToken cancellationToken) =>
        TryGet(lease) is { } work ? Task.FromResult(work) : Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<LeasedWork>(_ => throw new OperationCanceledException(cancellationToken), TaskScheduler.Default);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
