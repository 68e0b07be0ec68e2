namespace Hangar.Forges.Forgejo;

/// <summary>Forgejo 15's <c>RegisterRunnerResponse</c>: one runner's own login, not a reusable secret.</summary>
internal sealed record ForgejoRegisterRunnerResponse(long Id, string? Uuid, string? Token);
