namespace Hangar.Server.Agent;

/// <summary>Turns input mappings into archive entries: every file and symlink under each source, never following a link.</summary>
internal static class ExecInputs
{
    public static List<(string Source, string Entry)> Entries(IEnumerable<(string Source, string Destination)> inputs)
    {
        var entries = new List<(string, string)>();
        foreach (var (source, destination) in inputs)
        {
            var full = Path.GetFullPath(source);
            var dest = destination.Trim('/');
            if (Directory.Exists(full) && new DirectoryInfo(full).LinkTarget is null)
            {
                var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
                foreach (var info in new DirectoryInfo(full).EnumerateFileSystemInfos("*", options))
                {
                    if (info is FileInfo || info.LinkTarget is not null)
                    {
                        var relative = Path.GetRelativePath(full, info.FullName).Replace('\\', '/');
                        entries.Add((info.FullName, dest.Length == 0 ? relative : dest + "/" + relative));
                    }
                }
            }
            else if (File.Exists(full) || new FileInfo(full).LinkTarget is not null)
            {
                entries.Add((full, dest.Length == 0 ? Path.GetFileName(full) : dest));
            }
            else
            {
                throw new FileNotFoundException($"input '{source}' does not exist", source);
            }
        }

        return entries;
    }
}
