namespace Hangar.Agent;

/// <summary>
/// What a directory tree holds (each file's size, time, mode and link target), taken before and after a task: the final
/// scan that finds changes a file-system watcher missed (watchers drop events under load and across renames).
/// </summary>
internal static class FileSnapshot
{
    public static Dictionary<string, (long Size, DateTime Written, UnixFileMode Mode, string? Link)> Take(string root)
    {
        var files = new Dictionary<string, (long, DateTime, UnixFileMode, string?)>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", options))
        {
            if (info is FileInfo || info.LinkTarget is not null)
            {
                var size = info is FileInfo file ? file.Length : 0;
                files[Path.GetRelativePath(root, info.FullName)] = (size, info.LastWriteTimeUtc, info.UnixFileMode, info.LinkTarget);
            }
        }

        return files;
    }
}
