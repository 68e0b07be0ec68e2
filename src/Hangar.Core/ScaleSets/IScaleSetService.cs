namespace Hangar.Core.ScaleSets;

/// <summary>
/// A forge's runner scale-set protocol (GitHub's Actions service; reference section 6): the calls a listener makes. One
/// per forge in scale-set mode. Retries of transient failures (429, 5xx) and renewing the service's own credentials
/// happen inside; what is left surfaces as the typed exceptions below, each a failure mode the listener recovers from.
/// Minting a runner's JIT config is not here: that is a side effect and goes through the forge and the actuator.
/// </summary>
public interface IScaleSetService
{
    /// <summary>The forge this service belongs to.</summary>
    string Forge { get; }

    /// <summary>Gets the scale set by name in its runner group, creating it when absent and updating its labels and
    /// <c>disableUpdate</c> when they differ.</summary>
    Task<ScaleSetInfo> EnsureScaleSetAsync(ScaleSetSpec spec, CancellationToken cancellationToken = default);

    /// <exception cref="ScaleSetSessionConflictException">Another session (maybe a dead listener's) is alive.</exception>
    /// <exception cref="ScaleSetNotFoundException">The scale set is gone at the forge.</exception>
    Task<ScaleSetSession> CreateSessionAsync(ScaleSetSpec spec, long scaleSetId, string ownerName, CancellationToken cancellationToken = default);

    /// <summary>A new queue token for a live session.</summary>
    /// <exception cref="ScaleSetSessionNotFoundException">The forge forgot the session.</exception>
    Task<ScaleSetSession> RefreshSessionAsync(ScaleSetSession session, CancellationToken cancellationToken = default);

    /// <summary>Deletes the session (on orderly shutdown); a session already gone is no error.</summary>
    Task DeleteSessionAsync(ScaleSetSession session, CancellationToken cancellationToken = default);

    /// <summary>Long-polls the message queue: a message, or null when the forge had none within its poll window.</summary>
    /// <exception cref="ScaleSetQueueUnauthorizedException">The queue token is no longer accepted.</exception>
    Task<ScaleSetMessage?> GetMessageAsync(ScaleSetSession session, long lastMessageId, int maxCapacity, CancellationToken cancellationToken = default);

    /// <exception cref="ScaleSetQueueUnauthorizedException">The queue token is no longer accepted.</exception>
    Task AcknowledgeAsync(ScaleSetSession session, long messageId, CancellationToken cancellationToken = default);

    /// <summary>Acquires jobs for the scale set; answers the ids actually acquired.</summary>
    /// <exception cref="ScaleSetQueueUnauthorizedException">The queue token is no longer accepted.</exception>
    Task<IReadOnlyList<long>> AcquireJobsAsync(ScaleSetSession session, IReadOnlyList<long> runnerRequestIds, CancellationToken cancellationToken = default);
}
