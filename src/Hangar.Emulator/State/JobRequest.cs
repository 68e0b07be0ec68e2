namespace Hangar.Emulator.State;

/// <summary>What to queue: <see cref="Count"/> jobs of <see cref="Repository"/> asking for <see cref="Labels"/>.</summary>
public sealed record JobRequest
{
    /// <summary><c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public int Count { get; init; } = 1;

    /// <summary>How long each job runs once a runner takes it; the emulator's default when null.</summary>
    public TimeSpan? Duration { get; init; }

    public string Name { get; init; } = "build";

    public string WorkflowName { get; init; } = "CI";

    public string HeadBranch { get; init; } = "main";
}
