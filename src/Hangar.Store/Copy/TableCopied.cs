namespace Hangar.Store.Copy;

/// <summary>How many rows of one table a copy wrote (and read: the two are checked to match before it commits).</summary>
public sealed record TableCopied(string Table, long Rows);
