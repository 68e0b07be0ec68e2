namespace Hangar.Forges.GitHub.Auth;

internal sealed record InstallationTokenResponse(string? Token, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"InstallationTokenResponse {{ Token = [redacted], ExpiresAt = {ExpiresAt} }}";
}
