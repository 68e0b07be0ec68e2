namespace Hangar.Emulator.Gitea;

/// <summary>A job as it was at one moment (what a webhook or an API answer shows).</summary>
public sealed record GiteaJobSnapshot(
    long Id, long Attempt, string Repository, long RepositoryId, IReadOnlyList<string> Labels, GiteaJobState State, long? RunnerId, string? RunnerName, long TaskId, TimeSpan Duration)
{
    public string Handle => $"{Id}-{Attempt}";

    internal static GiteaJobSnapshot Of(GiteaEmulatedJob job) =>
        new(job.Id, job.Attempt, job.Repository, job.RepositoryId, job.Labels, job.State, job.RunnerId, job.RunnerName, job.TaskId, job.Duration);
}
