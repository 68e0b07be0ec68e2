using Hangar.Engine;

namespace Hangar.Configuration;

/// <summary>
/// The whole configuration file, validated. Produced only by <see cref="ConfigLoader"/> (or built in code by tests and
/// the demo). Each section is, or holds, the options type of the project that consumes it; what only the running host
/// can supply (secret values, the controller id kept in the store) is filled in by the host when it starts.
/// </summary>
public sealed record HangarConfig
{
    public ServerConfig Server { get; init; } = new();

    public StoreConfig Store { get; init; } = new();

    /// <summary>
    /// The engine's settings: <c>server.controller_id</c>, <c>server.converge_interval</c>,
    /// <c>server.observe_interval</c>, <c>server.loops</c>, <c>server.delivery_retention</c>, every <c>pools</c> entry
    /// and each provider's <c>max_concurrency</c>.
    /// </summary>
    public EngineOptions Engine { get; init; } = new();

    public IReadOnlyDictionary<string, ForgeConfig> Forges { get; init; } = new Dictionary<string, ForgeConfig>();

    public IReadOnlyDictionary<string, ProviderConfig> Providers { get; init; } = new Dictionary<string, ProviderConfig>();

    /// <summary><c>intake</c>: the RabbitMQ queue a gateway publishes to and <c>serve</c> consumes from.</summary>
    public IntakeConfig Intake { get; init; } = new();

    /// <summary><c>telemetry</c>: trace export.</summary>
    public TelemetryConfig Telemetry { get; init; } = new();

    /// <summary>The file it was read from, for messages; null when built in code.</summary>
    public string? SourcePath { get; init; }
}
