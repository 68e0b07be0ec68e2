namespace Hangar.Engine.Configuration;

public sealed record ForgeConfig
{
    public required string Name { get; init; }

    /// <summary><c>github</c> (more types follow).</summary>
    public string Type { get; init; } = "github";

    /// <summary>REST base URL: <c>https://api.github.com</c>, <c>https://api.SUB.ghe.com</c>, or <c>https://HOST/api/v3</c> for GHES.</summary>
    public string ApiUrl { get; init; } = "https://api.github.com";

    /// <summary>Personal access token. Exactly one of <see cref="Token"/> and <see cref="App"/> is set.</summary>
    public SecretRef? Token { get; init; }

    /// <summary>GitHub App credentials.</summary>
    public GitHubAppConfig? App { get; init; }

    /// <summary>Absolute path of a PEM bundle of extra CA certificates for the API's TLS certificate.</summary>
    public string? CaBundle { get; init; }

    /// <summary>The secret GitHub signs webhooks with. Webhooks are refused when it is not set.</summary>
    public SecretRef? WebhookSecret { get; init; }

    /// <summary>Requests of each hourly rate-limit window kept for minting and removing runners; null = a tenth of the limit.</summary>
    public int? RateLimitReserve { get; init; }

    /// <summary>Polling GETs whose last answer is kept for conditional requests; 0 turns them off.</summary>
    public int ResponseCacheEntries { get; init; } = 4096;
}
