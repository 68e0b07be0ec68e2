namespace Hangar.Server.Api;

/// <summary>
/// An API token as listed. <see cref="Token"/> is only set in the answer that made it: the secret is shown once and kept
/// only as a hash. <see cref="Source"/> is <c>api</c> (made through the API; revocable) or <c>config</c> (from
/// <c>server.api_tokens</c>; changed by editing the file).
/// </summary>
internal sealed record TokenView(
    string Id,
    string Name,
    string Scope,
    string Source,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? Token = null);
