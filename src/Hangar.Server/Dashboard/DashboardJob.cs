namespace Hangar.Server.Dashboard;

/// <summary>A job as the dashboard lists it; <see cref="Reason"/> says why no pool can take it, when none can.</summary>
internal sealed record DashboardJob(
    string Forge,
    long Id,
    string Repository,
    string Status,
    IReadOnlyList<string> Labels,
    string? Pool,
    string? Runner,
    string? Reason,
    string? Conclusion,
    DateTimeOffset QueuedAt,
    DateTimeOffset? CompletedAt);
