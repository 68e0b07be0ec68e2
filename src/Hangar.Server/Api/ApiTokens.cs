using System.Security.Cryptography;
using System.Text;

namespace Hangar.Server.Api;

/// <summary>Accepted bearer tokens, kept only as SHA-256 hashes and compared in constant time.</summary>
internal sealed class ApiTokens(IEnumerable<string> tokens)
{
    private readonly byte[][] _hashes = tokens.Select(Hash).ToArray();

    public bool IsEmpty => _hashes.Length == 0;

    public bool Accepts(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var hash = Hash(presented);
        var ok = false;
        foreach (var known in _hashes)
        {
            // No early exit: the time taken does not tell which token (if any) matched.
            ok |= CryptographicOperations.FixedTimeEquals(hash, known);
        }

        return ok;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
