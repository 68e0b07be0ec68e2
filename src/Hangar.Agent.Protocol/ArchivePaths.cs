namespace Hangar.Agent.Protocol;

/// <summary>Where an archive entry may land: inside the target directory, never through or onto a link pointing out.</summary>
internal static class ArchivePaths
{
    /// <summary>The full path of <paramref name="entry"/> under <paramref name="root"/> (a full path ending without a separator).</summary>
    /// <exception cref="UnsafeArchiveException">The entry is absolute, climbs with <c>..</c>, or passes through a symlink.</exception>
    public static string Resolve(string root, string entry)
    {
        var name = entry.Replace('\\', '/');
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new UnsafeArchiveException(entry, "absolute or empty path");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            throw new UnsafeArchiveException(entry, "'..' escapes the target directory");
        }

        var full = Path.GetFullPath(Path.Combine(root, string.Join('/', segments.Where(s => s != "."))));
        if (!IsInside(root, full) || full == root)
        {
            throw new UnsafeArchiveException(entry, "outside the target directory");
        }

        // An earlier entry (or the directory's own content) may have made a parent a symlink: writing through it would
        // land wherever it points.
        for (var dir = Path.GetDirectoryName(full); dir is not null && dir.Length > root.Length; dir = Path.GetDirectoryName(dir))
        {
            if (new DirectoryInfo(dir) is { Exists: true, LinkTarget: not null })
            {
                throw new UnsafeArchiveException(entry, "a parent directory is a symbolic link");
            }
        }

        return full;
    }

    /// <summary>Refuses a symlink at <paramref name="path"/> whose target leaves <paramref name="root"/>.</summary>
    public static void CheckLink(string root, string entry, string path, string target)
    {
        if (target.Length == 0 || Path.IsPathRooted(target))
        {
            throw new UnsafeArchiveException(entry, $"symbolic link to an absolute path '{target}'");
        }

        var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, target));
        if (!IsInside(root, resolved))
        {
            throw new UnsafeArchiveException(entry, $"symbolic link '{target}' points outside the target directory");
        }
    }

    public static bool IsInside(string root, string full) =>
        full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
