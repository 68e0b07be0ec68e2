namespace Hangar.Forges.Gitea;

/// <summary>
/// One Gitea or Forgejo instance and the token Hangar uses there. Both forges share these options (Forgejo is a fork of
/// Gitea and keeps its API base, auth and runner protocol); what differs between them is probed at run time.
/// </summary>
public sealed record GiteaFamilyOptions
{
    public const string WebhookMode = "webhook";
    public const string PollMode = "poll";

    /// <summary>The forge's name in Hangar's configuration (jobs and pools refer to it).</summary>
    public required string Name { get; init; }

    /// <summary>The forge's web root (<c>https://git.example.com</c>, or with a sub-path); the API is under <c>/api/v1</c>
    /// and runners connect to this URL.</summary>
    public required string BaseUrl { get; init; }

    /// <summary>A personal access token (sent as <c>Authorization: token …</c>), already resolved from its secret source.</summary>
    public string? Token { get; init; }

    /// <summary>PEM file of extra CA certificates trusted for the forge's TLS certificate.</summary>
    public string? CaBundle { get; init; }

    /// <summary><see cref="WebhookMode"/> (Gitea: <c>workflow_job</c> webhooks, the jobs API as the lost-webhook sweep) or
    /// <see cref="PollMode"/> (Forgejo: the runner jobs API polled as the demand source).</summary>
    public string Mode { get; init; } = WebhookMode;

    /// <summary>How often the job queue is polled in poll mode.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Jobs listed per page (Gitea's and Forgejo's default maximum is 50).</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>The REST base, <c>{BaseUrl}/api/v1</c>.</summary>
    public string ApiUrl => BaseUrl.TrimEnd('/') + "/api/v1";

    /// <summary>Throws when the options cannot work, naming every problem (and never the token).</summary>
    internal void Validate(string type)
    {
        List<string> errors = [];
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name is empty");
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
        {
            errors.Add($"BaseUrl '{BaseUrl}' is not an absolute http(s) URL without query or fragment");
        }

        if (string.IsNullOrWhiteSpace(Token) || Token.AsSpan().IndexOfAny("\r\n \t") >= 0)
        {
            errors.Add("Token is empty or contains whitespace");
        }

        if (Mode is not (WebhookMode or PollMode))
        {
            errors.Add($"Mode '{Mode}' is neither '{WebhookMode}' nor '{PollMode}'");
        }

        if (PollInterval <= TimeSpan.Zero || PageSize is < 1 or > 1000)
        {
            errors.Add("PollInterval must be positive and PageSize between 1 and 1000");
        }

        if (CaBundle is not null && !File.Exists(CaBundle))
        {
            errors.Add($"CaBundle '{CaBundle}' does not exist");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"{type} forge '{Name}': {string.Join("; ", errors)}");
        }
    }

    // The token must never reach logs or exception messages, and records print every property by default.
    public override string ToString() =>
        $"GiteaFamilyOptions {{ Name = {Name}, BaseUrl = {BaseUrl}, Token = {(Token is null ? "null" : "[redacted]")}, CaBundle = {CaBundle}, Mode = {Mode}, PollInterval = {PollInterval} }}";
}
