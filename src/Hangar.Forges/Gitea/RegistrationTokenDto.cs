namespace Hangar.Forges.Gitea;

/// <summary><c>RegistrationToken</c>: <c>{"token": "…"}</c> (Gitea 1.24+, Forgejo 7+).</summary>
internal sealed record RegistrationTokenDto(string? Token);
