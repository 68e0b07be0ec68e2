namespace Hangar.Core.Storage;

/// <summary>A page of one instance's history, newest first, in the order the moves were written.</summary>
public sealed record HistoryQuery
{
    public required string Instance { get; init; }

    /// <summary>Only moves written before this one (<see cref="HistoryEntry.Sequence"/>): the last of the previous page.</summary>
    public long? Before { get; init; }

    public int Limit { get; init; } = 20;
}
