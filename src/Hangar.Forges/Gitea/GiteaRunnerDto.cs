namespace Hangar.Forges.Gitea;

/// <summary>Gitea's <c>ActionRunner</c>: <c>status</c> is <c>online</c> or <c>offline</c>; <c>busy</c> while a task runs.</summary>
internal sealed record GiteaRunnerDto(long Id, string? Name, string? Status, bool Busy, bool Ephemeral, IReadOnlyList<GiteaRunnerLabelDto>? Labels);
