namespace Hangar.Server.Api;

/// <summary>One page of a list. <see cref="NextCursor"/> is absent on the last page; otherwise the same request with
/// <c>cursor</c> set to it returns the next page (the <c>Link: rel="next"</c> header gives that URL).</summary>
internal sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextCursor);
