using Hangar.Core.Jobs;

namespace Hangar.Core.Storage;

/// <summary>Which jobs to list, in which order, from where: ordered by queue time, then id, forge (ordinally) and attempt.</summary>
public sealed record JobQuery
{
    /// <summary>Only jobs in these states; empty means all.</summary>
    public IReadOnlyList<JobStatus> Statuses { get; init; } = [];

    public string? Pool { get; init; }

    /// <summary>Only jobs with this forge job id (every forge, every attempt); null means any.</summary>
    public long? Id { get; init; }

    /// <summary>Only jobs whose routing is in this state; null means any.</summary>
    public JobRouting? Routing { get; init; }

    /// <summary>Only jobs routed to a pool that is none of these (the pool was removed or renamed since); an empty list
    /// means every routed job.</summary>
    public IReadOnlyList<string>? RoutedOutside { get; init; }

    /// <summary>Only jobs updated at or after this time.</summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>Only jobs taken by one of these runners.</summary>
    public IReadOnlyList<string>? RunnerNames { get; init; }

    public ListOrder Order { get; init; } = ListOrder.OldestFirst;

    /// <summary>Only jobs that come after this position in <see cref="Order"/>: the last one of the previous page.</summary>
    public JobCursor? After { get; init; }

    public int Limit { get; init; } = 10_000;

    public static JobQuery Open { get; } = new() { Statuses = [JobStatus.Waiting, JobStatus.Queued, JobStatus.InProgress] };
}
