namespace Hangar.Forges.Gitea;

/// <summary>Gitea's <c>ActionRunnersResponse</c>: an object, unlike Forgejo's bare array.</summary>
internal sealed record GiteaRunnerListDto(IReadOnlyList<GiteaRunnerDto>? Runners, long TotalCount);
