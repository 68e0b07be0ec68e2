namespace Hangar.Forges.GitHub;

/// <summary>One GitHub endpoint (github.com, GHE.com or GHES) and the credential Hangar uses there: a personal access
/// token or a GitHub App, exactly one of them.</summary>
public sealed record GitHubForgeOptions
{
    /// <summary>The forge's name in Hangar's configuration (jobs and pools refer to it).</summary>
    public required string Name { get; init; }

    /// <summary>The REST base URL; for GHES it carries a path (<c>https://HOST/api/v3</c>), which is kept.</summary>
    public string ApiUrl { get; init; } = "https://api.github.com";

    /// <summary>A personal access token, already resolved from its secret source. Mutually exclusive with <see cref="App"/>.</summary>
    public string? Token { get; init; }

    /// <summary>GitHub App credentials. Mutually exclusive with <see cref="Token"/>.</summary>
    public GitHubAppOptions? App { get; init; }

    /// <summary>PEM file of extra CA certificates trusted for the API's TLS certificate (GHES behind a private CA).</summary>
    public string? CaBundle { get; init; }

    /// <summary>
    /// Requests of each hourly rate-limit window kept for provisioning (minting and removing runners): below it,
    /// observation and sweeps wait for the reset. Null: a tenth of the limit GitHub reports (500 of 5,000).
    /// </summary>
    public int? RateLimitReserve { get; init; }

    /// <summary>How demand arrives: <c>workflow_job</c> webhooks, or GitHub's runner scale-set listener (each pool is a
    /// scale set; no inbound endpoint needed).</summary>
    public GitHubForgeMode Mode { get; init; } = GitHubForgeMode.Webhook;

    /// <summary>Polling GETs whose last answer is kept for conditional requests (a 304 is free); 0 turns them off.</summary>
    public int ResponseCacheEntries { get; init; } = 4096;

    /// <summary>Throws when the options cannot work, naming every problem (and never a secret's value).</summary>
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

        if (Token is not null && App is not null)
        {
            errors.Add("Token and App are mutually exclusive");
        }
        else if (App is not null)
        {
            App.Validate(errors);
        }
        else if (string.IsNullOrWhiteSpace(Token) || Token.AsSpan().IndexOfAny("\r\n \t") >= 0)
        {
            // A pasted token with a newline would otherwise fail only at send time, with the header value in the message.
            errors.Add("Token is empty or contains whitespace (or configure App)");
        }

        if (RateLimitReserve is < 0 || ResponseCacheEntries < 0)
        {
            errors.Add("RateLimitReserve and ResponseCacheEntries must not be negative");
        }

        if (CaBundle is not null && !File.Exists(CaBundle))
        {
            errors.Add($"CaBundle '{CaBundle}' does not exist");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"GitHub forge '{Name}': {string.Join("; ", errors)}");
        }
    }

    // Credentials must never reach logs or exception messages, and records print every property by default.
    public override string ToString() =>
        $"GitHubForgeOptions {{ Name = {Name}, ApiUrl = {ApiUrl}, Token = {(Token is null ? "null" : "[redacted]")}, App = {App}, CaBundle = {CaBundle}, "
        + $"RateLimitReserve = {RateLimitReserve}, ResponseCacheEntries = {ResponseCacheEntries}, Mode = {Mode} }}";
}
