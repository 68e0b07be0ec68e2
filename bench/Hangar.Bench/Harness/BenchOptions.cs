namespace Hangar.Bench.Harness;

/// <summary>How long and how often to measure. <c>--quick</c> trades precision for a run of about a minute.</summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }

    /// <summary>Side-by-side rounds; figures are medians over them.</summary>
    public int Rounds => Quick ? 1 : 3;

    public int WrkSeconds => Quick ? 3 : 6;

    public int FixedRateSeconds => Quick ? 3 : 5;

    public int DecisionJobs => Quick ? 200 : 1000;

    public int FanOutContainers => 50;

    public int FanOutRounds => Quick ? 1 : 3;

    public int EndToEndRounds => Quick ? 5 : 15;

    /// <summary>Jobs per supply tier (hot, stopped, cold) in the tiers bench.</summary>
    public int TierRounds => Quick ? 3 : 10;

    public int EndToEndBurst => 20;

    public int EndToEndBurstRounds => Quick ? 1 : 3;

    public int[] ScaleSizes => Quick ? [1_000, 10_000] : [1_000, 10_000, 50_000];

    public int FootprintRounds => Quick ? 2 : 5;

    /// <summary>Where the Release build of the repository lives (the bench runs from it).</summary>
    public required string RepoRoot { get; init; }

    public string WorkDir { get; init; } = Path.Combine(Path.GetTempPath(), "hangar-bench-" + Environment.ProcessId);

    /// <summary>
    /// Work directories of earlier runs whose process is gone (killed past its own clean-up): a run's directory holds
    /// databases and request logs of hundreds of MB, so each run removes the dead ones it finds.
    /// </summary>
    public static void RemoveDeadRunsWorkDirs()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "hangar-bench-*"))
        {
            if (int.TryParse(Path.GetFileName(dir)["hangar-bench-".Length..], out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Report.Say($"cannot remove a dead run's work directory {dir}: {ex.Message}");
                }
            }
        }
    }

    /// <summary>A new empty directory under <see cref="WorkDir"/>.</summary>
    public string NewDir(string prefix)
    {
        var path = Path.Combine(WorkDir, prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
