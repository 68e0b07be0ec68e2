namespace Hangar.Forges.Gitea;

/// <summary>The part of a <c>Repository</c> Hangar reads (Forgejo's job queue names repositories by id only).</summary>
internal sealed record RepositoryDto(long Id, string? FullName, RepositoryOwnerDto? Owner);
