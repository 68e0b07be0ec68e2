namespace Hangar.Emulator.State;

/// <summary>A runner scale set as the Actions service keeps it (reference section 6.2).</summary>
internal sealed record EmulatedScaleSet
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public required RunnerScope Scope { get; init; }

    public required RunnerGroup Group { get; init; }

    /// <summary>The labels jobs reach it by; the name alone when none were given (scaleset <c>ensureLabels</c>).</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    public bool DisableUpdate { get; init; }

    public required DateTimeOffset CreatedOn { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The <c>X-ScaleSetMaxCapacity</c> the last poll sent, if any.</summary>
    public int? MaxCapacity { get; init; }

    public bool Deleted => DeletedAt is not null;

    /// <summary>Whether a job of <paramref name="repository"/> asking for <paramref name="labels"/> is this set's.</summary>
    public bool Takes(string repository, IReadOnlyList<string> labels) =>
        !Deleted
        && Scope.Serves(repository)
        && labels.Where(l => !string.Equals(l, "self-hosted", StringComparison.OrdinalIgnoreCase))
            .All(l => Labels.Contains(l, StringComparer.OrdinalIgnoreCase));
}
