namespace Hangar.Forges.Gitea;

internal sealed record GiteaRunnerLabelDto(long Id, string? Name, string? Type);
