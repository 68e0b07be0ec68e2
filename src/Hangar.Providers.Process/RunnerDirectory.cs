using System.Runtime.Versioning;

namespace Hangar.Providers.Process;

/// <summary>
/// One runner's directory, <c>{work_dir}/{name}</c>: its record and log, which stay Hangar's, and its working
/// directory <see cref="Work"/> and credentials, which are the runner's user's. Were the record the runner's, a job
/// could rewrite the pid Hangar signals when it ends the runner.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class RunnerDirectory
{
    public const string WorkName = "work";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode PassThrough = UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    // Another user may pass through to what is given to it, but not list what is there.
    private const UnixFileMode Traversable = OwnerOnly | PassThrough;

    public static string Work(string dir) => Path.Combine(dir, WorkName);

    public static string Log(string dir) => Path.Combine(dir, RunnerLauncher.LogFile);

    /// <summary>
    /// Makes <paramref name="dir"/> whole with <paramref name="intent"/> recorded in it, or not at all: everything is
    /// made in a hidden sibling that is renamed into place, so a directory without its record is never ours.
    /// </summary>
    public static void Create(string root, string dir, ProcessRecord intent, RunnerUser? user)
    {
        Directory.CreateDirectory(root);
        if (user is not null)
        {
            // The runner reaches its credentials by absolute path, through the work directory itself.
            var mode = File.GetUnixFileMode(root);
            if ((mode & PassThrough) != PassThrough)
            {
                File.SetUnixFileMode(root, mode | PassThrough);
            }
        }

        var temp = Path.Combine(root, $".{Path.GetFileName(dir)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(temp, user is null ? OwnerOnly : Traversable);
            Prepare(temp, user);
            ProcessRecords.Write(temp, intent);
            Directory.Move(temp, dir);
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }

    /// <summary>The working directory and an empty log, owned as the runner needs them (again, for a directory made
    /// by an older Hangar, whose runners worked in the directory itself).</summary>
    public static void Prepare(string dir, RunnerUser? user)
    {
        var work = Work(dir);
        Directory.CreateDirectory(work, OwnerOnly);
        if (user is not null)
        {
            Passwd.Chown(work, user);
        }

        // Created here rather than by the shell's redirection, which would make it readable by everyone (umask).
        using var log = new FileStream(Log(dir), new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }
}
