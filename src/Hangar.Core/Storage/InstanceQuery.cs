using Hangar.Core.Instances;

namespace Hangar.Core.Storage;

/// <summary>
/// Which instances to list, in which order, from where: ordered by creation time, then name compared ordinally (byte
/// order, as SQLite's default collation does; another store must order names the same way for cursors to agree).
/// </summary>
public sealed record InstanceQuery
{
    /// <summary>Only instances in these states; empty means all.</summary>
    public IReadOnlyList<InstanceState> States { get; init; } = [];

    public string? Pool { get; init; }

    public string? Provider { get; init; }

    /// <summary>Only instances that hold an error (creates that gave up, destroys that failed), whatever their state.</summary>
    public bool WithErrorOnly { get; init; }

    public ListOrder Order { get; init; } = ListOrder.OldestFirst;

    /// <summary>Only instances that come after this position in <see cref="Order"/>: the last one of the previous page.</summary>
    public InstanceCursor? After { get; init; }

    public int Limit { get; init; } = 100_000;

    /// <summary>Every instance that is not deleted.</summary>
    public static InstanceQuery Live { get; } = new()
    {
        States = Enum.GetValues<InstanceState>().Where(s => s != InstanceState.Deleted).ToArray(),
    };

    public static InstanceQuery All { get; } = new();
}
