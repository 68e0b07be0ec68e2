using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Hangar.Server.Api.Access;

/// <summary>
/// Tokens made through the API: <c>hangar_{id}_{secret}</c>. The id (16 hex digits) is public and finds the stored row
/// without a scan; the secret (32 random bytes, base64url) is kept only as its SHA-256. The prefix lets secret scanners
/// and people recognise a Hangar token.
/// </summary>
internal static class ApiTokenFormat
{
    public const string Prefix = "hangar_";
    private const int IdLength = 16;
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    public static (string Id, string Token, byte[] SecretHash) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    public static bool TryParse(string token, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = secret = null;
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length <= Prefix.Length + IdLength + 1
            || token[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var candidate = token.AsSpan(Prefix.Length, IdLength);
        if (candidate.ContainsAnyExcept(HexDigits))
        {
            return false;
        }

        id = candidate.ToString();
        secret = token[(Prefix.Length + IdLength + 1)..];
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
