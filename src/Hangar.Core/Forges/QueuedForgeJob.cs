namespace Hangar.Core.Forges;

/// <summary>One entry of a forge's job queue (see <see cref="IForgeJobQueue"/>).</summary>
/// <param name="Attempt">The forge's own attempt number (Forgejo 15: the attempt its <c>handle</c> names); null where the
/// forge re-runs a job by resetting the same row (Forgejo 11–14), so Hangar counts attempts itself.</param>
/// <param name="Running">False while the job waits for a runner; true once one took it.</param>
public sealed record QueuedForgeJob(long Id, long? Attempt, bool Running, string Repository, string Owner, IReadOnlyList<string> Labels)
{
    public string? Name { get; init; }

    /// <summary>Forgejo 15: the handle a one-job runner can ask for this very attempt with.</summary>
    public string? Handle { get; init; }
}
