namespace Hangar.Forges.Gitea;

internal sealed record RepositoryOwnerDto(string? Login);
