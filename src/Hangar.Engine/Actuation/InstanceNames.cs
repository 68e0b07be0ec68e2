using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Hangar.Engine.Actuation;

/// <summary>
/// Runner names: <c>hgr-{pool}-{tag}{random}</c>, where <c>tag</c> is five base32 characters of a hash of the
/// controller id and <c>random</c> ten random base32 characters. The name is stored with the intent before any side
/// effect, so a retry after a crash looks up exactly what the crashed attempt made. The prefix and the tag tell this
/// installation's runners apart at the forge from anyone else's, including another Hangar serving the same pool name
/// at the same target; the random part keeps names unique across restarts and replicas.
/// </summary>
/// <remarks>
/// Names made before the tag (<c>hgr-{pool}-{random}</c>, "legacy") end in a ten-character segment and tagged ones in a
/// fifteen-character one, so neither form can be read as the other whatever the pool is called.
/// </remarks>
internal static class InstanceNames
{
    public const string Prefix = "hgr-";

    /// <summary>GitHub refuses longer runner names ("Runner names can only be 64 characters in length", actions/runner#1710).</summary>
    public const int MaxLength = 64;

    public const int TagLength = 5;

    private const int RandomLength = 10;

    private const int PoolHashLength = 6;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Room for the pool in a name of <see cref="MaxLength"/>: all of it but the prefix, one dash, tag and random part.</summary>
    private static readonly int MaxPoolSegment = MaxLength - Prefix.Length - 1 - TagLength - RandomLength;

    /// <summary>The short, stable mark of <paramref name="controllerId"/> that every runner name of that controller carries.</summary>
    public static string ControllerTag(string controllerId) => Hash(controllerId, TagLength);

    public static string New(string pool, string controllerTag)
    {
        Span<char> random = stackalloc char[RandomLength];
        for (var i = 0; i < random.Length; i++)
        {
            random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{Prefix}{PoolSegment(pool)}-{controllerTag}{random}";
    }

    /// <summary>
    /// The pool as it appears in names: whole when it fits; otherwise cut, and a hash of the whole name appended, so two
    /// long pools sharing a beginning still get different segments.
    /// </summary>
    public static string PoolSegment(string pool) =>
        pool.Length <= MaxPoolSegment
            ? pool
            : $"{pool[..(MaxPoolSegment - PoolHashLength - 1)].TrimEnd('-')}-{Hash(pool, PoolHashLength)}";

    /// <summary>Matches the names <see cref="New"/> makes with <paramref name="controllerTag"/>, for any pool (a removed one too).</summary>
    public static Regex Tagged(string controllerTag) => new(
        "^" + Regex.Escape(Prefix) + "[a-z0-9-]+-" + Regex.Escape(controllerTag) + "[a-z2-7]{" + RandomLength + "}$",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// Matches the names Hangar made before names carried a controller tag, <c>hgr-{pool}-{random}</c>, for one of
    /// <paramref name="pools"/>. Such a name may be any installation's.
    /// </summary>
    public static Regex Legacy(IEnumerable<string> pools) => new(
        "^" + Regex.Escape(Prefix) + "(" + string.Join("|", pools.Select(Regex.Escape)) + ")-[a-z2-7]{" + RandomLength + "}$",
        RegexOptions.CultureInvariant);

    private static string Hash(string text, int length)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            // Five bits per character, read across byte boundaries.
            var bit = i * 5;
            var pair = (hash[bit / 8] << 8) | hash[(bit / 8) + 1];
            chars[i] = Alphabet[(pair >> (11 - (bit % 8))) & 31];
        }

        return new string(chars);
    }
}
