namespace Hangar.Server.Api;

internal sealed record JobView(
    string Forge,
    long Id,
    long Attempt,
    string Repository,
    string Status,
    IReadOnlyList<string> Labels,
    string? Pool,
    string? UnroutableReason,
    string? RunnerName,
    string? Conclusion,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? KilledAt,
    string? KilledReason);
