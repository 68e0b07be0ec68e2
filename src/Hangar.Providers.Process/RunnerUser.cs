using System.Globalization;

namespace Hangar.Providers.Process;

/// <summary>
/// The account a pool's runners run as (<c>pools.NAME.user</c>) when it is not Hangar's own: the runner is started
/// through <c>setpriv</c> with this uid, gid and the user's supplementary groups, and its directories are given to it.
/// </summary>
internal sealed record RunnerUser(string Name, uint Uid, uint Gid, string Home, string Shell)
{
    /// <summary>util-linux's setpriv: part of Debian's essential set, and unlike su/runuser it neither forks (the pid
    /// Hangar records stays the runner's) nor opens a PAM session.</summary>
    public static readonly string Setpriv = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists) ?? "setpriv";

    /// <summary>The arguments that run the command after them as this user.</summary>
    public IEnumerable<string> SetprivArguments() =>
    [
        Setpriv,
        string.Create(CultureInfo.InvariantCulture, $"--reuid={Uid}"),
        string.Create(CultureInfo.InvariantCulture, $"--regid={Gid}"),
        "--init-groups",
        "--",
    ];

    /// <summary>The user <paramref name="name"/> names, or null when none is asked for.</summary>
    /// <exception cref="InvalidOperationException">Hangar is not root, or there is no such user.</exception>
    public static RunnerUser? Resolve(string? name, bool hangarIsRoot, string runner)
    {
        if (name is null)
        {
            return null;
        }

        return hangarIsRoot
            ? Passwd.Find(name) ?? throw new InvalidOperationException($"runner {runner}: {NoSuchUser(name)}")
            : throw new InvalidOperationException($"runner {runner}: {NeedsRoot(name)}");
    }

    /// <summary>Why runners cannot run as <paramref name="name"/> here, or null when they can.</summary>
    public static string? Problem(string name, bool hangarIsRoot) =>
        !hangarIsRoot ? NeedsRoot(name) : Passwd.Find(name) is null ? NoSuchUser(name) : null;

    private static string NeedsRoot(string name) =>
        $"running runners as user '{name}' needs Hangar to run as root (it switches user with setpriv); " +
        "run Hangar as root, or leave the pool's 'user' unset to run them as Hangar's own user";

    private static string NoSuchUser(string name) => $"there is no user '{name}' on this host";
}
