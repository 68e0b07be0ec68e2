namespace Hangar.Forges.GitHub;

/// <summary>One GitHub endpoint (github.com, GHE.com or GHES) and the credential Hangar uses there.</summary>
public sealed record GitHubForgeOptions
{
    /// <summary>The forge's name in Hangar's configuration (jobs and pools refer to it).</summary>
    public required string Name { get; init; }

    /// <summary>The REST base URL; for GHES it carries a path (<c>https://HOST/api/v3</c>), which is kept.</summary>
    public string ApiUrl { get; init; } = "https://api.github.com";

    /// <summary>A personal access token, already resolved from its secret source.</summary>
    public required string Token { get; init; }

    // The token must never reach logs or exception messages, and records print every property by default.
    public override string ToString() => $"GitHubForgeOptions {{ Name = {Name}, ApiUrl = {ApiUrl}, Token = [redacted] }}";
}
