namespace Hangar.Configuration;

/// <summary>
/// <c>server</c>: what the host itself uses (the engine's settings written there go to <see cref="HangarConfig.Engine"/>).
/// Its type lives here, not in Hangar.Server, because the server is the one consumer that references Configuration;
/// a type of the server's own would need Configuration to reference Server, a cycle.
/// </summary>
public sealed record ServerConfig
{
    /// <summary>Address Kestrel listens on.</summary>
    public string Listen { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Where SQLite and provider work directories live. Relative paths are relative to the config file.</summary>
    public string DataDir { get; init; } = "./data";

    /// <summary>Bearer tokens accepted by the REST API, each with its scope (tokens made through the API are stored).</summary>
    public IReadOnlyList<ApiTokenConfig> ApiTokens { get; init; } = [];

    /// <summary>How long a pressure stream may stay silent: after this, the current value is sent again, so proxies and
    /// clients can tell an idle stream from a dead one.</summary>
    public TimeSpan PressureHeartbeat { get; init; } = TimeSpan.FromSeconds(15);

    public long WebhookMaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>The agent endpoint (<c>server.agent</c>); null: none, so no machine streams boot logs.</summary>
    public AgentEndpointConfig? Agent { get; init; }

    /// <summary>Certificate and key for an <c>https://</c> <see cref="Listen"/> (required with one, refused without).</summary>
    public TlsConfig? Tls { get; init; }
}
