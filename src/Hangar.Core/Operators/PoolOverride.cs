namespace Hangar.Core.Operators;

/// <summary>
/// A pool's settings changed at run time, stored so every replica applies them. A set value wins over the configuration
/// file until it is cleared, also across reloads of the file (the API shows both, so the winner is never a surprise);
/// null leaves the file's value.
/// </summary>
public sealed record PoolOverride
{
    public required string Pool { get; init; }

    public bool? Enabled { get; init; }

    public int? MinIdle { get; init; }

    public int? MaxRunners { get; init; }

    public required string SetBy { get; init; }

    public required DateTimeOffset SetAt { get; init; }

    public bool IsEmpty => Enabled is null && MinIdle is null && MaxRunners is null;

    /// <summary>This override with <paramref name="change"/> applied: its set values replace, its cleared keys go.</summary>
    public static PoolOverride? Merge(PoolOverride? current, PoolOverrideChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var merged = new PoolOverride
        {
            Pool = change.Pool,
            Enabled = change.ClearEnabled ? null : change.Enabled ?? current?.Enabled,
            MinIdle = change.ClearMinIdle ? null : change.MinIdle ?? current?.MinIdle,
            MaxRunners = change.ClearMaxRunners ? null : change.MaxRunners ?? current?.MaxRunners,
            SetBy = change.Actor,
            SetAt = change.At,
        };
        return merged.IsEmpty ? null : merged;
    }
}
