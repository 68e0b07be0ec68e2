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

    /// <summary>A new empty directory under <see cref="WorkDir"/>.</summary>
    public string NewDir(string prefix)
    {
        var path = Path.Combine(WorkDir, prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
