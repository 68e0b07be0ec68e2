namespace Hangar.Store.Copy;

/// <summary>What <see cref="StoreCopier"/> did, after its transaction committed.</summary>
public sealed record StoreCopyResult
{
    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>Every table, in the order copied.</summary>
    public required IReadOnlyList<TableCopied> Tables { get; init; }

    /// <summary>Rows the target held before and no longer does (only with <c>force</c>).</summary>
    public required long Replaced { get; init; }
}
