namespace Hangar.Forges.GitHub;

internal sealed record GitHubErrorResponse(string? Message);
