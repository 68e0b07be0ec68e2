namespace Hangar.Configuration;

/// <summary><c>telemetry.otlp</c>: an OTLP/HTTP (protobuf) collector endpoint and the headers it wants.</summary>
public sealed record OtlpConfig
{
    /// <summary>The collector's base URL (e.g. <c>http://127.0.0.1:4318</c>); traces go to <c>{endpoint}/v1/traces</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Headers sent with every export (e.g. an API key), each a secret reference.</summary>
    public IReadOnlyDictionary<string, SecretRef> Headers { get; init; } = new Dictionary<string, SecretRef>();
}
