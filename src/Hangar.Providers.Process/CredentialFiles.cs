using System.Runtime.Versioning;
using Hangar.Core.Providers;

namespace Hangar.Providers.Process;

/// <summary>
/// <see cref="CredentialDelivery.File"/> for local processes: one file per secret in the runner directory's
/// <see cref="DirectoryName"/>, readable by the runner's user alone, gone with the directory.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class CredentialFiles
{
    public const string DirectoryName = "credentials";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string DirectoryOf(string runnerDirectory) => Path.Combine(runnerDirectory, DirectoryName);

    /// <summary>Writes (or replaces) one file per secret; throws before writing anything when a name cannot be a file name.</summary>
    public static void Write(string runnerDirectory, string runner, IReadOnlyDictionary<string, string> secrets, RunnerUser? user)
    {
        var bad = secrets.Keys.FirstOrDefault(k => !RunnerEnvironment.IsValidFileName(k));
        if (bad is not null)
        {
            throw new ArgumentException($"runner {runner}: secret name '{bad}' cannot be a credential file name", nameof(secrets));
        }

        var dir = Directory.CreateDirectory(DirectoryOf(runnerDirectory), OwnerOnlyFile | UnixFileMode.UserExecute);
        if (user is not null)
        {
            // The runner may delete a file once read, so the directory is its user's too.
            Passwd.Chown(dir.FullName, user);
        }

        foreach (var (name, value) in secrets)
        {
            // Created 0600 from the start (never readable by others, not even for a moment), given to the runner's
            // user, then swapped in whole.
            var temp = Path.Combine(dir.FullName, $".{name}.{Guid.NewGuid():N}.tmp");
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            }))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(value));
            }

            if (user is not null)
            {
                Passwd.Chown(temp, user);
            }

            File.Move(temp, Path.Combine(dir.FullName, name), overwrite: true);
        }
    }
}
