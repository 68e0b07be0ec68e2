namespace Hangar.Core.Jobs;

/// <summary>Anything that says "a job changed", whatever source it came from (webhook, poller, queue).</summary>
public sealed record JobEvent
{
    public required string Forge { get; init; }

    public required long JobId { get; init; }

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

    /// <summary>The source's own id for this event (e.g. <c>X-GitHub-Delivery</c>); events with the same id are stored once.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>When the source says the job was queued, if it says.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
