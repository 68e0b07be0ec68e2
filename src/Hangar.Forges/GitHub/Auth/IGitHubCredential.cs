using Hangar.Core.Pools;

namespace Hangar.Forges.GitHub.Auth;

/// <summary>Where the bearer token for a REST call comes from: a fixed PAT, or an App installation token per target.</summary>
internal interface IGitHubCredential
{
    /// <summary>The token to send for a call about <paramref name="target"/>. Opaque: never parsed or length-checked.</summary>
    ValueTask<string> GetTokenAsync(ForgeTarget target, CancellationToken cancellationToken);

    /// <summary>Which rate-limit quota a call about <paramref name="target"/> spends: GitHub counts per user (a PAT) or
    /// per App installation, so the request budget follows each separately.</summary>
    string QuotaKey(ForgeTarget target);

    /// <summary>Forgets the token used for <paramref name="target"/> after GitHub answered 401;
    /// true when asking again may yield a different one (so one retry is worth it).</summary>
    bool Invalidate(ForgeTarget target);
}
