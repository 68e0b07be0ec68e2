namespace Hangar.Core.Storage;

/// <summary>
/// What a store keeps of an instance's token: its SHA-256, never the token itself, and how long it may be used. An
/// instance has at most one; issuing another replaces it, so a token handed to a failed create attempt stops working.
/// </summary>
/// <param name="Instance">The instance the token is scoped to.</param>
/// <param name="Hash">SHA-256 of the token's secret part.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="ExpiresAt">After this instant it is refused.</param>
public sealed record InstanceTokenRecord(string Instance, byte[] Hash, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
