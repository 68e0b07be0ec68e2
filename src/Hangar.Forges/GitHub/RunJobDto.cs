namespace Hangar.Forges.GitHub;

internal sealed record RunJobDto(
    long Id,
    long? RunId,
    string? Name,
    string? Status,
    string? Conclusion,
    string? RunnerName,
    long? RunnerId,
    IReadOnlyList<string>? Labels,
    DateTimeOffset? CreatedAt);
