namespace Hangar.Core.Operators;

/// <summary>A page of operator actions, newest first, narrowed to a pool or an instance.</summary>
public sealed record OperatorActionQuery
{
    public string? Pool { get; init; }

    public string? Instance { get; init; }

    /// <summary>Only actions written before this sequence (the previous page's last).</summary>
    public long? Before { get; init; }

    public int Limit { get; init; } = 100;
}
