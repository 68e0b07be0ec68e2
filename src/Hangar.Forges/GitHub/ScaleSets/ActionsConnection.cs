namespace Hangar.Forges.GitHub.ScaleSets;

/// <summary>The Actions service's URL and the admin token the registration exchange gave for one target. The token is a
/// secret: never printed.</summary>
internal sealed record ActionsConnection(Uri ServiceUrl, string AdminToken, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"ActionsConnection {{ ServiceUrl = {ServiceUrl}, ExpiresAt = {ExpiresAt:O} }}";
}
