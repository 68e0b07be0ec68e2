using System.Buffers;
using System.Security.Cryptography;

namespace Hangar.Forges.GitHub.Webhooks;

/// <summary>The <c>X-Hub-Signature-256</c> header: <c>sha256=</c> + lowercase hex HMAC-SHA256 of the raw body.</summary>
public static class GitHubWebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";
    private const int HashLength = 32;

    /// <summary>True only when the header carries the body's HMAC under <paramref name="secret"/>. Compares in constant time;
    /// an empty secret never validates, so a forge without a configured secret accepts nothing.</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? signatureHeader, ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty || signatureHeader is null || !signatureHeader.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = signatureHeader.AsSpan(Prefix.Length);
        if (hex.Length != HashLength * 2)
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[HashLength];
        if (Convert.FromHexString(hex, claimed, out _, out var written) != OperationStatus.Done || written != HashLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashLength];
        HMACSHA256.HashData(secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    /// <summary>The header value GitHub would send for <paramref name="body"/> (used by the emulator and tests).</summary>
    public static string Sign(ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("a webhook secret must not be empty", nameof(secret));
        }

        Span<byte> hash = stackalloc byte[HashLength];
        HMACSHA256.HashData(secret, body, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }
}
