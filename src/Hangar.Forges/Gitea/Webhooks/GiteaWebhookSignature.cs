using System.Buffers;
using System.Security.Cryptography;

namespace Hangar.Forges.Gitea.Webhooks;

/// <summary><c>X-Gitea-Signature</c>: plain lowercase hex HMAC-SHA256 of the raw body, no prefix (Forgejo sends the same
/// value as <c>X-Forgejo-Signature</c>). Without a configured secret Gitea sends an empty digest: never accepted.</summary>
internal static class GiteaWebhookSignature
{
    public const string HeaderName = "X-Gitea-Signature";

    private const int HashLength = 32;

    /// <summary>True only when the header carries the body's HMAC under <paramref name="secret"/>; constant time.</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? signatureHeader, ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty || signatureHeader is null || signatureHeader.Length != HashLength * 2)
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[HashLength];
        if (Convert.FromHexString(signatureHeader, claimed, out _, out var written) != OperationStatus.Done || written != HashLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashLength];
        HMACSHA256.HashData(secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    /// <summary>The header value Gitea would send for <paramref name="body"/> (the emulator and tests).</summary>
    public static string Sign(ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("a webhook secret must not be empty", nameof(secret));
        }

        Span<byte> hash = stackalloc byte[HashLength];
        HMACSHA256.HashData(secret, body, hash);
        return Convert.ToHexStringLower(hash);
    }
}
