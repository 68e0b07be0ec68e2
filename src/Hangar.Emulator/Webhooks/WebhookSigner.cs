using System.Security.Cryptography;
using System.Text;

namespace Hangar.Emulator.Webhooks;

internal static class WebhookSigner
{
    /// <summary><c>sha256=</c> + lowercase hex HMAC-SHA256 of the raw body, as in <c>X-Hub-Signature-256</c>.</summary>
    public static string Sha256(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The legacy <c>X-Hub-Signature</c> GitHub still sends beside the SHA-256 one.</summary>
    public static string Sha1(string secret, byte[] body) =>
        "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
}
