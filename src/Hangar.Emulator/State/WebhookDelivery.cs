namespace Hangar.Emulator.State;

/// <summary>One webhook delivery and how its attempts went. Redeliveries keep <see cref="Id"/>.</summary>
public sealed record WebhookDelivery
{
    public required Guid Id { get; init; }

    public required string Event { get; init; }

    public required string Action { get; init; }

    public required long JobId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public int Attempts { get; init; }

    /// <summary>The HTTP status of the last attempt, null when it got no response.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt failed (connection refused, timeout, status); null after success.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public bool Delivered { get; init; }

    /// <summary>True when no more attempts will be made without success.</summary>
    public bool GivenUp { get; init; }

    /// <summary>The fault injected into this delivery: <c>dropped</c>, <c>duplicated</c> or <c>reordered</c>; null for none.</summary>
    public string? Fault { get; init; }
}
