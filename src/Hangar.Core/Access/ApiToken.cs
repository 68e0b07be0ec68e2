namespace Hangar.Core.Access;

/// <summary>
/// An API token made through the API (tokens from the configuration file are never stored). The store keeps the
/// SHA-256 of its secret part only; the secret itself is shown once, when the token is made.
/// </summary>
public sealed record ApiToken
{
    /// <summary>Public and unique: the part of the token before its secret, used to find the row and to revoke it.</summary>
    public required string Id { get; init; }

    /// <summary>What the token is for, as its maker described it; not unique.</summary>
    public required string Name { get; init; }

    public required ApiScope Scope { get; init; }

    /// <summary>SHA-256 of the secret part (32 bytes).</summary>
    public required byte[] SecretHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>From this instant on, the token is refused; null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the token was last accepted, to within <c>ApiTokenAuthenticator</c>'s write interval; null: never.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When the token was revoked; it is refused from then on.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);
}
