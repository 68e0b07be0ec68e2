using System.Security.Cryptography;
using System.Text;
using Hangar.Core.Access;

namespace Hangar.Server.Api.Access;

/// <summary>The tokens of <c>server.api_tokens</c>, kept only as SHA-256 hashes and compared in constant time.</summary>
internal sealed class ConfiguredApiTokens
{
    private readonly (byte[] Hash, ApiCaller Caller)[] _tokens;

    public ConfiguredApiTokens(IEnumerable<(string Name, string Value, ApiScope Scope)> tokens) =>
        _tokens = [.. tokens.Select(t => (Hash(t.Value), new ApiCaller(ApiCaller.ConfigPrefix + t.Name, t.Name, t.Scope)))];

    public bool IsEmpty => _tokens.Length == 0;

    public IReadOnlyList<ApiCaller> All => [.. _tokens.Select(t => t.Caller)];

    /// <summary>The caller <paramref name="presented"/> names, or null.</summary>
    public ApiCaller? Match(string presented)
    {
        var hash = Hash(presented);
        ApiCaller? match = null;
        foreach (var (known, caller) in _tokens)
        {
            // No early exit: the time taken does not tell which token (if any) matched.
            if (CryptographicOperations.FixedTimeEquals(hash, known))
            {
                match = caller;
            }
        }

        return match;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
