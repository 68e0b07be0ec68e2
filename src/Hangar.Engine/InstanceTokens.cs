using System.Buffers.Text;
using System.Security.Cryptography;
using Hangar.Core.Instances;
using Hangar.Core.Pools;
using Hangar.Core.Storage;

namespace Hangar.Engine;

/// <summary>
/// Per-instance tokens: what a machine presents to Hangar (metadata and callback endpoints, the agent) to say which
/// instance it is. A token is <c>hgi_{instance}.{secret}</c>: the instance part only selects the stored row; the 256-bit
/// secret is what is checked, as its SHA-256 against the stored one in constant time (the store never sees or keeps the
/// token). One token per instance; issuing again replaces it, so a token handed to a failed create attempt stops
/// working. Refused once expired, once revoked, and from the instance's move to deleting on (the store removes it in
/// that transaction).
/// </summary>
public sealed class InstanceTokens(IStore store, EngineOptions options, TimeProvider time)
{
    private const string Prefix = "hgi_";
    private const int SecretBytes = 32;

    // Beyond the instance's own hard cap (ttl + max_job_duration from its creation): the create itself may take a while,
    // and a token must outlive every call its machine can legitimately make.
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    // Compared against when the presented token names no stored row, so an unknown instance costs the same hash and
    // comparison as a known one.
    private static readonly byte[] Decoy = SHA256.HashData(new byte[SecretBytes]);

    /// <summary>How long a token issued now for an instance of <paramref name="pool"/> lives: as long as the instance can.</summary>
    public static TimeSpan LifetimeFor(PoolSpec pool) => pool.BootTimeout + pool.Ttl + pool.MaxJobDuration + Margin;

    /// <summary>
    /// Issues a new token for <paramref name="instance"/>, valid for <paramref name="lifetime"/>, replacing any it had.
    /// Returns the token: the only copy, to be handed to the machine as a secret.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such instance, or it is being deleted.</exception>
    public async Task<string> IssueAsync(string instance, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var (token, record) = Mint(instance, lifetime);
        await store.SetInstanceTokenAsync(record, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>
    /// A new token for <paramref name="instance"/> and the record that stores it, for a write that stores it itself (a
    /// create's move to provisioning, <see cref="InstanceChanges.Token"/>). Valid once that write committed.
    /// </summary>
    public (string Token, InstanceTokenRecord Record) Mint(string instance, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        var now = time.GetUtcNow();
        return (Prefix + instance + "." + Base64Url.EncodeToString(secret), new InstanceTokenRecord(instance, SHA256.HashData(secret), now, now + lifetime));
    }

    /// <summary>
    /// The instance <paramref name="token"/> was issued to, or null when it is malformed, unknown, replaced, expired,
    /// revoked, or its instance is deleting or gone.
    /// </summary>
    public async Task<InstanceIdentity?> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (instance, secret) = Parse(token);
        var stored = instance is null ? null : await store.GetInstanceTokenAsync(instance, cancellationToken).ConfigureAwait(false);
        var presented = SHA256.HashData(secret ?? []);
        var matches = CryptographicOperations.FixedTimeEquals(presented, stored?.Hash ?? Decoy);
        if (stored is null || secret is null || !matches || time.GetUtcNow() >= stored.ExpiresAt)
        {
            return null;
        }

        var row = await store.GetInstanceAsync(stored.Instance, cancellationToken).ConfigureAwait(false);
        if (row is null || row.State is InstanceState.Deleting or InstanceState.Deleted)
        {
            return null;
        }

        return new InstanceIdentity(row.Name, row.Pool, row.Provider, options.ControllerId, row.State, stored.ExpiresAt);
    }

    /// <summary>
    /// Gives the token <paramref name="instance"/> holds a new expiry, <paramref name="lifetime"/> from now, keeping the
    /// token itself: for a machine that received its token when it was made and cannot be handed another
    /// (<c>ProviderCapabilities.TokenAtMake</c>), when it is started for a job. False when it has none (never issued,
    /// revoked, or the instance is being deleted).
    /// </summary>
    public async Task<bool> RenewAsync(string instance, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var stored = await store.GetInstanceTokenAsync(instance, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return false;
        }

        await store.SetInstanceTokenAsync(stored with { ExpiresAt = time.GetUtcNow() + lifetime }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Revokes the instance's token at once (deletion does this by itself); a no-op when it has none.</summary>
    public Task RevokeAsync(string instance, CancellationToken cancellationToken = default) =>
        store.RevokeInstanceTokenAsync(instance, cancellationToken);

    private static (string? Instance, byte[]? Secret) Parse(string? token)
    {
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (null, null);
        }

        var dot = token.LastIndexOf('.');
        if (dot <= Prefix.Length || dot == token.Length - 1)
        {
            return (null, null);
        }

        var encoded = token.AsSpan(dot + 1);
        var secret = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        if (Base64Url.DecodeFromChars(encoded, secret, out _, out var written) != System.Buffers.OperationStatus.Done || written != SecretBytes)
        {
            return (null, null);
        }

        return (token[Prefix.Length..dot], secret);
    }
}
