namespace Hangar.Forges.GitHub.Auth;

internal sealed record InstallationResponse(long Id);
