using System.Security.Cryptography;
using Hangar.Core.Access;
using Hangar.Core.Storage;

namespace Hangar.Server.Api.Access;

/// <summary>
/// Finds the caller a bearer token names: a token of the configuration file, or a stored one (made through the API).
/// A stored token is read on every request, never cached, so a revocation on any replica refuses it at once. Its
/// last-used time is written at most once per <see cref="TouchInterval"/>, so a busy client does not turn reads into writes.
/// </summary>
internal sealed class ApiTokenAuthenticator(ConfiguredApiTokens configured, IStore store, TimeProvider time)
{
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>The caller, or null with why not (said to the caller: it tells nothing about other tokens).</summary>
    public async Task<(ApiCaller? Caller, string? Refusal)> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return (null, "a bearer token is required (Authorization: Bearer TOKEN)");
        }

        if (configured.Match(presented) is { } fromFile)
        {
            return (fromFile, null);
        }

        if (!ApiTokenFormat.TryParse(presented, out var id, out var secret)
            || await store.GetApiTokenAsync(id, cancellationToken).ConfigureAwait(false) is not { } token
            || !CryptographicOperations.FixedTimeEquals(ApiTokenFormat.Hash(secret), token.SecretHash))
        {
            return (null, "the bearer token is not valid");
        }

        var now = time.GetUtcNow();
        if (token.RevokedAt is not null)
        {
            return (null, "the bearer token was revoked");
        }

        if (!token.IsUsableAt(now))
        {
            return (null, "the bearer token has expired");
        }

        if (token.LastUsedAt is not { } used || now - used >= TouchInterval)
        {
            await store.TouchApiTokenAsync(token.Id, now, cancellationToken).ConfigureAwait(false);
        }

        return (new ApiCaller(token.Id, token.Name, token.Scope), null);
    }
}
