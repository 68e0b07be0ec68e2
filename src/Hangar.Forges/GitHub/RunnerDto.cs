namespace Hangar.Forges.GitHub;

internal sealed record RunnerDto(long Id, string? Name, string? Status, bool Busy, IReadOnlyList<RunnerLabelDto>? Labels);
