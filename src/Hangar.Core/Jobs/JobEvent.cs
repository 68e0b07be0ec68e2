namespace Hangar.Core.Jobs;

/// <summary>Anything that says "a job changed", whatever source it came from (webhook, poller, queue).</summary>
public sealed record JobEvent
{
    public required string Forge { get; init; }

    public required long JobId { get; init; }

    /// <summary>Which attempt of the job, for forges that re-run a job under the same id (see <see cref="JobKey"/>); 0 on GitHub.</summary>
    public long Attempt { get; init; }

    public required JobStatus Status { get; init; }

    /// <summary>The repository as <c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    public string? Owner { get; init; }

    public string? Enterprise { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public long? RunId { get; init; }

    public string? Name { get; init; }

    public string? RunnerName { get; init; }

    public long? RunnerId { get; init; }

    public string? Conclusion { get; init; }

    /// <summary>
    /// The event's dedupe key, named by its source: events with the same key are stored once. GitHub's is
    /// <c>X-GitHub-Delivery</c> (the same on a redelivery); a source whose delivery ids change on redelivery names what
    /// identifies the event instead, prefixed with the forge so keys of two forges never meet. Null: no dedupe by key
    /// (the forward-only rule alone decides, as for what a sweep finds).
    /// </summary>
    public string? DeliveryId { get; init; }

    /// <summary>When the source says the job was queued, if it says.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public JobKey Key => new(Forge, JobId, Attempt);
}
