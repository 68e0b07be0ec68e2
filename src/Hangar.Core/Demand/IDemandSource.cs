namespace Hangar.Core.Demand;

/// <summary>A demand source that pulls (scale-set listener, Forgejo poller, queue consumer). Webhooks push through
/// <see cref="IJobEventSink"/> directly.</summary>
public interface IDemandSource
{
    string Name { get; }

    Task RunAsync(IJobEventSink sink, CancellationToken cancellationToken);
}
