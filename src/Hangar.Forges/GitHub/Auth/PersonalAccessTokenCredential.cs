using Hangar.Core.Pools;

namespace Hangar.Forges.GitHub.Auth;

internal sealed class PersonalAccessTokenCredential(string token) : IGitHubCredential
{
    public ValueTask<string> GetTokenAsync(ForgeTarget target, CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public string QuotaKey(ForgeTarget target) => "token";

    // A rejected PAT stays rejected: retrying would only spend rate limit.
    public bool Invalidate(ForgeTarget target) => false;

    public override string ToString() => "PersonalAccessTokenCredential { [redacted] }";
}
