namespace Hangar.Forges.GitHub.Budget;

/// <summary>The last 200 answer to a polling GET: its <c>ETag</c>, body and <c>Link</c> header (pages are cached one by one).</summary>
internal sealed record CachedResponse(string ETag, byte[] Body, string? MediaType, string? Link);
