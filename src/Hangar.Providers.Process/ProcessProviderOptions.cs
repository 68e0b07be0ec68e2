namespace Hangar.Providers.Process;

public sealed record ProcessProviderOptions
{
    /// <summary>The provider's configured name.</summary>
    public required string Name { get; init; }

    /// <summary>Recorded with every runner; only runners recorded with it are ever listed or stopped. The installation's
    /// id, set by the host (never by the provider's configuration); registration refuses an empty one.</summary>
    public string ControllerId { get; init; } = "";

    /// <summary>Each runner gets <c>{WorkDir}/{name}</c>: its record, its log, and its working directory <c>work/</c>.
    /// Keep it outside Hangar's data directory (the configuration refuses one inside it).</summary>
    public required string WorkDir { get; init; }

    /// <summary>How long a runner's process group has between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Names of Hangar's environment variables a runner gets besides the allow-list (PATH, HOME, USER, LOGNAME,
    /// SHELL, LANG, LANGUAGE, LC_*, TZ, TMPDIR), e.g. a proxy's. Everything else in Hangar's environment stays there.</summary>
    public IReadOnlyList<string> InheritEnvironment { get; init; } = [];

    /// <summary>Whether Hangar runs as root (and so may start runners as another user); tests pretend otherwise.</summary>
    internal Func<bool> IsRoot { get; init; } = () => Environment.IsPrivilegedProcess;

    /// <summary>Called at each step of a launch; a test blocks here to be killed between two steps.</summary>
    internal Func<LaunchStep, CancellationToken, Task>? LaunchCheckpoint { get; init; }

    /// <summary>
    /// Where runners go when the configuration names no <c>work_dir</c>: <c>/var/lib/hangar-runners</c> for a Hangar
    /// running as root, else <c>$XDG_STATE_HOME/hangar-runners</c> (<c>~/.local/state/hangar-runners</c>). Not
    /// <c>$XDG_RUNTIME_DIR</c>: it is a RAM disk that goes at logout, and with it the records of runners that live on.
    /// Null when neither a root Hangar nor a home directory says where.
    /// </summary>
    public static string? DefaultWorkDir(bool isRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (isRoot)
        {
            return "/var/lib/hangar-runners";
        }

        var state = environment("XDG_STATE_HOME") is { Length: > 0 } s && Path.IsPathRooted(s) ? s
            : environment("HOME") is { Length: > 0 } home && Path.IsPathRooted(home) ? Path.Combine(home, ".local", "state")
            : null;
        return state is null ? null : Path.Combine(state, "hangar-runners");
    }
}
