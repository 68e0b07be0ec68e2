namespace Hangar.Emulator.State;

/// <summary>A scale set's message session. A session nobody polls expires after <see cref="EmulatorOptions.SessionTimeout"/>;
/// until then a new one is refused with 409, as after a listener that died without deleting its session.</summary>
internal sealed record EmulatedSession
{
    public required Guid Id { get; init; }

    public required long ScaleSetId { get; init; }

    public required string OwnerName { get; init; }

    public required string QueueToken { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>The <c>lastMessageId</c> the session's first poll sent (null before its first poll): shows whether a
    /// restarted listener resumed where it left off.</summary>
    public long? FirstPollLastMessageId { get; init; }

    /// <summary>Set for a stale session planted by a fault: it lives until then whatever the polls.</summary>
    public DateTimeOffset? PinnedUntil { get; init; }
}
