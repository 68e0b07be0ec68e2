using System.Globalization;
using System.Runtime.InteropServices;

namespace Hangar.Providers.Process;

/// <summary>
/// The user database as the C library sees it (<c>getpwnam_r</c>/<c>getpwuid_r</c>), so that users from NSS (LDAP,
/// systemd-userdb) resolve as they would for <c>setpriv</c>; and <c>chown</c>, which .NET does not offer.
/// </summary>
internal static partial class Passwd
{
    private const int ERange = 34;

    /// <summary>The entry for a user name or numeric uid, or null when there is none.</summary>
    public static unsafe RunnerUser? Find(string user)
    {
        var byUid = uint.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid);
        for (var size = 1024; size <= 1 << 20; size *= 4)
        {
            var buffer = new byte[size];
            int error;
            Entry entry;
            nint result;
            fixed (byte* b = buffer)
            {
                error = byUid
                    ? GetPwUid(uid, out entry, b, (nuint)size, out result)
                    : GetPwNam(user, out entry, b, (nuint)size, out result);
                if (error == 0)
                {
                    return result == 0
                        ? null
                        : new RunnerUser(
                            Marshal.PtrToStringUTF8(entry.Name) ?? user,
                            entry.Uid,
                            entry.Gid,
                            Marshal.PtrToStringUTF8(entry.Dir) ?? "/",
                            Marshal.PtrToStringUTF8(entry.Shell) ?? "/bin/sh");
                }
            }

            if (error != ERange)
            {
                throw new InvalidOperationException($"looking up user '{user}' failed (errno {error})");
            }
        }

        throw new InvalidOperationException($"looking up user '{user}' failed: its entry is too large");
    }

    /// <summary>Gives <paramref name="path"/> (not a symbolic link's target) to the user.</summary>
    public static void Chown(string path, RunnerUser user)
    {
        if (LChown(path, user.Uid, user.Gid) != 0)
        {
            throw new IOException($"cannot give {path} to user {user.Name}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        public nint Name;
        public nint Password;
        public uint Uid;
        public uint Gid;
        public nint Gecos;
        public nint Dir;
        public nint Shell;
    }

    [LibraryImport("libc", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int GetPwNam(string name, out Entry entry, byte* buffer, nuint size, out nint result);

    [LibraryImport("libc", EntryPoint = "getpwuid_r")]
    private static unsafe partial int GetPwUid(uint uid, out Entry entry, byte* buffer, nuint size, out nint result);

    [LibraryImport("libc", EntryPoint = "lchown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LChown(string path, uint uid, uint gid);
}
