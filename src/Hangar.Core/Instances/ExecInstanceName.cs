using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hangar.Core.Instances;

/// <summary>
/// <c>hangar exec</c>'s machines are named <c>{pool}-exec-{8 hex}</c>; the engine's runners are <c>hgr-…</c>. The
/// planner leaves exec machines alone (their exec owns them), and the leftover sweep recognises them by name.
/// </summary>
public static partial class ExecInstanceName
{
    public static string Make(string pool) => $"{pool}-exec-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public static bool IsExec(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return !name.StartsWith("hgr-", StringComparison.Ordinal) && Pattern().IsMatch(name);
    }

    [GeneratedRegex("^[a-z0-9-]+-exec-[0-9a-f]{8}$")]
    private static partial Regex Pattern();
}
