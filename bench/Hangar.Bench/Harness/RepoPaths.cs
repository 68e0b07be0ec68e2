namespace Hangar.Bench.Harness;

internal static class RepoPaths
{
    /// <summary>Walks up from the bench's output directory to the directory holding Hangar.slnx.</summary>
    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hangar.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find Hangar.slnx above " + AppContext.BaseDirectory);
    }
}
