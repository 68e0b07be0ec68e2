namespace Hangar.Server.Api;

public sealed record JobView(
    string Forge,
    long Id,
    string Repository,
    string Status,
    IReadOnlyList<string> Labels,
    string? Pool,
    string? UnroutableReason,
    string? RunnerName,
    string? Conclusion,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt);
