namespace Hangar.Forges.Forgejo;

/// <summary>Forgejo 15's <c>ActionRunner</c>: <c>status</c> is <c>offline</c>, <c>idle</c> or <c>active</c>; labels are names.</summary>
internal sealed record ForgejoRunnerDto(long Id, string? Uuid, string? Name, string? Status, IReadOnlyList<string>? Labels, bool Ephemeral);
