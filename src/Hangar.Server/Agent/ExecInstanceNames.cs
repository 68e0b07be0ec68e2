using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hangar.Server.Agent;

/// <summary>
/// <c>hangar exec</c>'s machines are named <c>{pool}-exec-{8 hex}</c>; the engine's runners are <c>hgr-…</c>, so the two
/// never mix, and a leftover sweep recognises exec's own machines by name.
/// </summary>
internal static partial class ExecInstanceNames
{
    public static string Make(string pool) => $"{pool}-exec-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public static bool IsExec(string name) => !name.StartsWith("hgr-", StringComparison.Ordinal) && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9-]+-exec-[0-9a-f]{8}$")]
    private static partial Regex Pattern();
}
