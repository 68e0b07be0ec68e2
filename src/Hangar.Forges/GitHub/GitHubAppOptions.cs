using System.Globalization;

namespace Hangar.Forges.GitHub;

/// <summary>A GitHub App Hangar authenticates as: App JWTs signed with the private key buy installation tokens.</summary>
public sealed record GitHubAppOptions
{
    /// <summary>The App's client ID (<c>Iv23...</c>), GitHub's preferred JWT issuer. Give this or <see cref="AppId"/>.</summary>
    public string? ClientId { get; init; }

    /// <summary>The App's numeric ID, also accepted as the JWT issuer.</summary>
    public long? AppId { get; init; }

    /// <summary>The installation to use for every target; when null it is looked up per repository or organization.</summary>
    public long? InstallationId { get; init; }

    /// <summary>The App's private key (PEM, PKCS#1 as GitHub downloads it, or PKCS#8), already resolved from its secret
    /// source. Empty in a loaded configuration, which holds only where the key is; validation refuses it empty.</summary>
    public string PrivateKeyPem { get; init; } = "";

    /// <summary>The JWT <c>iss</c> claim.</summary>
    internal string Issuer => ClientId ?? AppId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    internal void Validate(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(ClientId) == AppId is null)
        {
            errors.Add("App needs exactly one of ClientId and AppId");
        }

        if (AppId is <= 0 || InstallationId is <= 0)
        {
            errors.Add("App ids must be positive");
        }

        if (string.IsNullOrWhiteSpace(PrivateKeyPem))
        {
            errors.Add("App private key is empty");
        }
    }

    public override string ToString() =>
        $"GitHubAppOptions {{ ClientId = {ClientId}, AppId = {AppId}, InstallationId = {InstallationId}, PrivateKeyPem = [redacted] }}";
}
