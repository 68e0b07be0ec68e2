namespace Hangar.Core.Instances;

/// <summary>Fields to set together with a transition; null leaves a field as it is.</summary>
public sealed record InstanceChanges
{
    public string? ProviderId { get; init; }

    public long? ForgeRunnerId { get; init; }

    public long? JobId { get; init; }

    public string? LastError { get; init; }

    public bool IncrementAttempts { get; init; }

    /// <summary>Set when a stopped machine is started for a job (<see cref="Instance.StartedAt"/>).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>An instance token to store with the move, in its transaction (a create attempt's: one commit, not two).
    /// Ignored by a move to deleting or deleted, which removes the instance's token.</summary>
    public Storage.InstanceTokenRecord? Token { get; init; }

    public static InstanceChanges None { get; } = new();
}
