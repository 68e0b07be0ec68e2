namespace Hangar.Engine.Configuration;

public sealed record ForgeConfig
{
    public required string Name { get; init; }

    /// <summary><c>github</c> (more types follow).</summary>
    public string Type { get; init; } = "github";

    /// <summary>REST base URL: <c>https://api.github.com</c>, or <c>https://HOST/api/v3</c> for GHES.</summary>
    public string ApiUrl { get; init; } = "https://api.github.com";

    /// <summary>Personal access token.</summary>
    public SecretRef? Token { get; init; }

    /// <summary>The secret GitHub signs webhooks with. Webhooks are refused when it is not set.</summary>
    public SecretRef? WebhookSecret { get; init; }
}
