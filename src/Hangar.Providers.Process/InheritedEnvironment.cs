using System.Collections;

namespace Hangar.Providers.Process;

/// <summary>
/// What a runner gets of Hangar's own environment: only what a program needs to run at all, plus the names the
/// operator lists (<c>providers.NAME.inherit_env</c>). Never the rest: Hangar's environment holds the tokens its
/// configuration reads with <c>{env: …}</c>, systemd's <c>CREDENTIALS_DIRECTORY</c>, and whatever its service manager
/// put there, none of which a job should see.
/// </summary>
internal static class InheritedEnvironment
{
    /// <summary>Passed on when Hangar has them; plus every <c>LC_*</c>.</summary>
    public static readonly IReadOnlyList<string> AllowList = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR"];

    /// <summary>Whose they are follows the user: a runner under another account gets that account's.</summary>
    private static readonly string[] AccountVariables = ["HOME", "USER", "LOGNAME", "SHELL"];

    public static Dictionary<string, string> Of(IDictionary hangar, IReadOnlyCollection<string> extra, RunnerUser? user)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in hangar)
        {
            if (entry is { Key: string name, Value: string value } && (IsAllowed(name) || extra.Contains(name, StringComparer.Ordinal)))
            {
                env[name] = value;
            }
        }

        if (user is not null)
        {
            foreach (var name in AccountVariables)
            {
                env.Remove(name);
            }

            // Hangar's temporary directory may be private to it (systemd's PrivateTmp) or not writable by the user.
            env.Remove("TMPDIR");
            env["HOME"] = user.Home;
            env["USER"] = user.Name;
            env["LOGNAME"] = user.Name;
            env["SHELL"] = user.Shell;
        }

        return env;
    }

    private static bool IsAllowed(string name) =>
        AllowList.Contains(name, StringComparer.Ordinal) || name.StartsWith("LC_", StringComparison.Ordinal);
}
