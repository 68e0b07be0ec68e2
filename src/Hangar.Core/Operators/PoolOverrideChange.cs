namespace Hangar.Core.Operators;

/// <summary>
/// One operator write to a pool's overrides: values to set (null: keep what is there) and keys to clear (back to the
/// file's value). Merged inside the store's transaction (<see cref="PoolOverride.Merge"/>), so two writes to different
/// keys from two replicas both hold.
/// </summary>
public sealed record PoolOverrideChange
{
    public required string Pool { get; init; }

    public bool? Enabled { get; init; }

    public int? MinIdle { get; init; }

    public int? MaxRunners { get; init; }

    public bool ClearEnabled { get; init; }

    public bool ClearMinIdle { get; init; }

    public bool ClearMaxRunners { get; init; }

    public required string Actor { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The history line's verb (<see cref="OperatorAction.Action"/>).</summary>
    public required string Action { get; init; }

    /// <summary>The history line (<see cref="OperatorAction.Detail"/>).</summary>
    public required string Detail { get; init; }
}
