using System.Runtime.Versioning;
using System.Text;
using Hangar.Core.Providers;

namespace Hangar.Providers.Tart;

/// <summary>
/// The VM's own read-only share <c>hangar</c> (<c>/Volumes/My Shared Files/hangar</c> in the guest): <c>start</c>,
/// which the image runs at login, <c>env</c> and, with file delivery, <c>credentials/NAME</c>. The directory is 0700
/// and its files 0600, and no other VM is given it; delete removes it. <c>start</c> finds its files next to itself,
/// so it works wherever the guest mounts the share.
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
internal static class VmShare
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerOnly | UnixFileMode.UserExecute;

    public const string Name = "hangar";

    public static void Write(string share, RunnerSpec spec)
    {
        Directory.CreateDirectory(share, OwnerDirectory);
        var env = RunnerEnvironment.Of(spec, "");
        env.Remove(RunnerEnvironment.CredentialsDirectory);
        var start = new StringBuilder("#!/bin/sh\nhere=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n. \"$here/env\"\n");
        if (spec.CredentialDelivery == CredentialDelivery.File)
        {
            start.Append($"export {RunnerEnvironment.CredentialsDirectory}=\"$here/credentials\"\n");
            Directory.CreateDirectory(Path.Combine(share, "credentials"), OwnerDirectory);
            foreach (var (name, value) in RunnerEnvironment.Secrets(spec))
            {
                WriteFile(Path.Combine(share, "credentials", name), value, OwnerOnly);
            }
        }

        start.Append("exec ").AppendJoin(' ', spec.Command.Select(Quote)).Append('\n');
        WriteFile(Path.Combine(share, "env"), string.Concat(env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"export {e.Key}={Quote(e.Value)}\n")), OwnerOnly);
        WriteFile(Path.Combine(share, "start"), start.ToString(), OwnerDirectory);
    }

    private static void WriteFile(string path, string text, UnixFileMode mode)
    {
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode });
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
