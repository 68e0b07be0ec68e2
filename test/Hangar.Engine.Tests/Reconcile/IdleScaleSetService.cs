using Hangar.Core.ScaleSets;

namespace Hangar.Engine.Tests.Reconcile;

/// <summary>A scale-set service whose listener never gets past registration (it waits until shutdown): for tests that
/// need scale-set pools but drive other passes by hand.</summary>
internal sealed class IdleScaleSetService(string forge) : IScaleSetService
{
    public string Forge => forge;

    public Task<ScaleSetInfo> EnsureScaleSetAsync(ScaleSetSpec spec, CancellationToken cancellationToken = default) =>
        new TaskCompletionSource<ScaleSetInfo>().Task.WaitAsync(cancellationToken);

    public Task<ScaleSetSession> CreateSessionAsync(ScaleSetSpec spec, long scaleSetId, string ownerName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("no session is ever created");

    public Task<ScaleSetSession> RefreshSessionAsync(ScaleSetSession session, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("no session is ever created");

    public Task DeleteSessionAsync(ScaleSetSession session, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("no session is ever created");

    public Task<ScaleSetMessage?> GetMessageAsync(ScaleSetSession session, long lastMessageId, int maxCapacity, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("no session is ever created");

    public Task AcknowledgeAsync(ScaleSetSession session, long messageId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("no session is ever created");

    public Task<IReadOnlyList<long>> AcquireJobsAsync(ScaleSetSession session, IReadOnlyList<long> runnerRequestIds, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("no session is ever created");
}
