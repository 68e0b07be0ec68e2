using System.Security.Cryptography;

namespace Hangar.Engine.Provisioning;

/// <summary>
/// Runner names: <c>hgr-{pool}-{10 random base32 chars}</c>. The name is stored with the intent before any side effect,
/// so a retry after a crash looks up exactly what the crashed attempt made. The prefix tells Hangar's runners apart at
/// the forge; the random part keeps names unique across restarts and replicas.
/// </summary>
public static class InstanceNames
{
    public const string Prefix = "hgr-";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New(string pool)
    {
        Span<char> suffix = stackalloc char[10];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{Prefix}{pool}-{suffix}";
    }
}
