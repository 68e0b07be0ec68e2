namespace Hangar.Forges.GitHub;

internal sealed record WorkflowJobDto(
    long Id,
    string? Status,
    string? Conclusion,
    string? RunnerName,
    long? RunnerId,
    IReadOnlyList<string>? Labels);
