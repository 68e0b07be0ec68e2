namespace Hangar.Emulator.State;

/// <summary>A runner registration, kept after removal so tests can see every registration ever made.</summary>
public sealed record EmulatedRunner
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public required RunnerScope Scope { get; init; }

    /// <summary>Exactly the labels it was registered with: a JIT registration implies none (no <c>self-hosted</c>).</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    public required RunnerGroup Group { get; init; }

    public required string WorkFolder { get; init; }

    /// <summary>The OS the runner reported when it connected; GitHub says <c>unknown</c> before that.</summary>
    public string Os { get; init; } = "unknown";

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set once its JIT config was used; a JIT config connects once only.</summary>
    public DateTimeOffset? ConnectedAt { get; init; }

    public DateTimeOffset? RemovedAt { get; init; }

    /// <summary>The job it took, if any (an ephemeral runner takes at most one).</summary>
    public long? JobId { get; init; }

    public bool Busy { get; init; }

    /// <summary>The scale set it was registered in (a scale-set JIT config); it then takes only that set's acquired jobs.</summary>
    public long? ScaleSetId { get; init; }

    public bool Removed => RemovedAt is not null;

    /// <summary>GitHub's runner status: online once connected, until its registration goes away.</summary>
    public bool Online => ConnectedAt is not null && !Removed;
}
