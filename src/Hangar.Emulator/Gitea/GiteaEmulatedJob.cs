namespace Hangar.Emulator.Gitea;

/// <summary>One job attempt at the emulated forge. Forgejo 11 re-runs reset the same row; Gitea and Forgejo 15 raise the attempt.</summary>
internal sealed class GiteaEmulatedJob
{
    public required long Id { get; init; }

    public long Attempt { get; set; } = 1;

    public required string Repository { get; init; }

    public required long RepositoryId { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public TimeSpan Duration { get; init; }

    public GiteaJobState State { get; set; } = GiteaJobState.Waiting;

    public long? RunnerId { get; set; }

    public string? RunnerName { get; set; }

    public long TaskId { get; set; }

    /// <summary>Forgejo 15: names this attempt of this job.</summary>
    public string Handle => $"{Id}-{Attempt}";

    public string Owner => Repository[..Repository.IndexOf('/', StringComparison.Ordinal)];
}
