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

    /// <summary>Throws when the options cannot work, naming every problem (and never the token's value).</summary>
    internal void Validate()
    {
        List<string> errors = [];
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name is empty");
        }

        if (!Uri.TryCreate(ApiUrl, UriKind.Absolute, out var apiUrl) || apiUrl.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(apiUrl.Query) || !string.IsNullOrEmpty(apiUrl.Fragment))
        {
            errors.Add($"ApiUrl '{ApiUrl}' is not an absolute http(s) URL without query or fragment");
        }

        // A pasted token with a newline would otherwise fail only at send time, with the header value in the message.
        if (string.IsNullOrWhiteSpace(Token) || Token.AsSpan().IndexOfAny("\r\n \t") >= 0)
        {
            errors.Add("Token is empty or contains whitespace");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"GitHub forge '{Name}': {string.Join("; ", errors)}");
        }
    }

    // The token must never reach logs or exception messages, and records print every property by default.
    public override string ToString() => $"GitHubForgeOptions {{ Name = {Name}, ApiUrl = {ApiUrl}, Token = [redacted] }}";
}
