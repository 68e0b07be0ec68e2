namespace Hangar.Configuration;

/// <summary><c>telemetry</c>: where traces go. Metrics are always served on <c>/metrics</c>.</summary>
public sealed record TelemetryConfig
{
    /// <summary>OTLP/HTTP export of traces; null exports nothing (spans are still made for in-process listeners).</summary>
    public OtlpConfig? Otlp { get; init; }

    /// <summary>The <c>service.name</c> resource attribute; default <c>hangar</c> (a gateway adds <c>-gateway</c>).</summary>
    public string ServiceName { get; init; } = "hangar";
}
