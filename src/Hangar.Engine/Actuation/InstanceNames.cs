using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hangar.Engine.Actuation;

/// <summary>
/// Runner names: <c>hgr-{pool}-{10 random base32 chars}</c>. The name is stored with the intent before any side effect,
/// so a retry after a crash looks up exactly what the crashed attempt made. The prefix tells Hangar's runners apart at
/// the forge; the random part keeps names unique across restarts and replicas.
/// </summary>
internal static class InstanceNames
{
    public const string Prefix = "hgr-";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private const int SuffixLength = 10;

    public static string New(string pool)
    {
        Span<char> suffix = stackalloc char[SuffixLength];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{Prefix}{pool}-{suffix}";
    }

    /// <summary>Matches exactly the names <see cref="New"/> makes for one of <paramref name="pools"/>.</summary>
    public static Regex Pattern(IEnumerable<string> pools) => new(
        "^" + Regex.Escape(Prefix) + "(" + string.Join("|", pools.Select(Regex.Escape)) + ")-[a-z2-7]{" + SuffixLength + "}$",
        RegexOptions.CultureInvariant);
}
