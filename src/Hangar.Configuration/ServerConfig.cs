using Hangar.Engine.Reconcile;

namespace Hangar.Configuration;

public sealed record ServerConfig
{
    /// <summary>Address Kestrel listens on.</summary>
    public string Listen { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Where SQLite and provider work directories live. Relative paths are relative to the config file.</summary>
    public string DataDir { get; init; } = "./data";

    /// <summary>Marks every instance this installation creates. Default: generated once and kept in the store.</summary>
    public string? ControllerId { get; init; }

    /// <summary>Bearer tokens accepted by the REST API.</summary>
    public IReadOnlyList<SecretRef> ApiTokens { get; init; } = [];

    public long WebhookMaxBodyBytes { get; init; } = 1024 * 1024;

    public TimeSpan ConvergeInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The runner-status loop (also <c>server.loops.runner_status.interval</c>).</summary>
    public TimeSpan ObserveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The other reconciler loops (<c>server.loops</c>).</summary>
    public ReconcileOptions Loops { get; init; } = new();

    /// <summary>How long delivery ids are kept for dedupe. GitHub allows redelivery for about 3 days.</summary>
    public TimeSpan DeliveryRetention { get; init; } = TimeSpan.FromDays(4);
}
