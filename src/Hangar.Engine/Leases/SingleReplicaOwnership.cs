using Microsoft.Extensions.Hosting;

namespace Hangar.Engine.Leases;

/// <summary>
/// A single replica (SQLite, which refuses a second server on its file) owns all work from the start: no lease rows,
/// no renewals, no fence on any write, no cost on any path.
/// </summary>
internal sealed class SingleReplicaOwnership : ILeaseOwnership, IHostedService
{
    public string Holder => Environment.MachineName;

    public bool IsSingleReplica => true;

    public event Func<LeasedWork, CancellationToken, Task>? Acquired
    {
        add { }
        remove { }
    }

    public LeasedWork? TryGet(string lease) => new(lease, 0, null, CancellationToken.None);

    public Task<LeasedWork> AcquireAsync(string lease, CancellationToken cancellationToken) => Task.FromResult(TryGet(lease)!);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
