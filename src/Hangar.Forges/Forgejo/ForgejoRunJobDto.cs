namespace Hangar.Forges.Forgejo;

/// <summary>Forgejo's <c>ActionRunJob</c> (jobs API, 11+; <c>attempt</c> and <c>handle</c> from 15).</summary>
internal sealed record ForgejoRunJobDto(
    long Id,
    long RepoId,
    long OwnerId,
    string? Name,
    IReadOnlyList<string>? RunsOn,
    long TaskId,
    string? Status,
    long? Attempt,
    string? Handle);
