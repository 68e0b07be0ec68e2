namespace Hangar.Core.Access;

/// <summary>A page of API tokens, oldest first (by creation time, then id).</summary>
public sealed record ApiTokenQuery
{
    public bool IncludeRevoked { get; init; }

    /// <summary>Start after this token (the last of the previous page).</summary>
    public ApiTokenCursor? After { get; init; }

    public int? Limit { get; init; }
}
