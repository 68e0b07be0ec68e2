namespace Hangar.Configuration;

/// <summary><c>forges.NAME.app</c>: a GitHub App Hangar authenticates as.</summary>
public sealed record GitHubAppConfig
{
    /// <summary>The App's client ID; exactly one of this and <see cref="AppId"/>.</summary>
    public string? ClientId { get; init; }

    public long? AppId { get; init; }

    /// <summary>When null, the installation is looked up for each repository or organization.</summary>
    public long? InstallationId { get; init; }

    public required SecretRef PrivateKey { get; init; }
}
