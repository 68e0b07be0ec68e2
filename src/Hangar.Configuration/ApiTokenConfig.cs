using Hangar.Core.Access;

namespace Hangar.Configuration;

/// <summary>
/// <c>server.api_tokens[]</c>: where a token is, and what it may do. Without <c>scope:</c> a token can read and nothing
/// more (what every configured token could do before scopes existed), so an upgrade never gives one write access.
/// </summary>
public sealed record ApiTokenConfig(SecretRef Secret, ApiScope Scope = ApiScope.Read)
{
    public static implicit operator ApiTokenConfig(SecretRef secret) => FromSecretRef(secret);

    public static ApiTokenConfig FromSecretRef(SecretRef secret) => new(secret);
}
