namespace Hangar.Forges.Forgejo;

/// <summary>Forgejo 15's <c>RegisterRunnerOptions</c>. No labels: the runner declares them.</summary>
internal sealed record ForgejoRegisterRunnerRequest(string Name, string? Description, bool Ephemeral);
