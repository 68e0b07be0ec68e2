namespace Hangar.Configuration.Loading;

/// <summary>Reads <c>telemetry</c>.</summary>
internal static class TelemetrySection
{
    public static readonly string[] Keys = ["otlp", "service_name"];

    private static readonly string[] OtlpKeys = ["endpoint", "headers"];

    public static TelemetryConfig Read(MappingReader? telemetry)
    {
        if (telemetry is null)
        {
            return new TelemetryConfig();
        }

        var defaults = new TelemetryConfig();
        var serviceName = telemetry.Matching("service_name", ConfigPatterns.SecretName(), "letters, digits, '.', '_' and '-'");
        return defaults with
        {
            ServiceName = serviceName ?? defaults.ServiceName,
            Otlp = telemetry.Mapping("otlp", OtlpKeys) is { } otlp ? ReadOtlp(otlp) : null,
        };
    }

    private static OtlpConfig? ReadOtlp(MappingReader otlp)
    {
        var endpoint = otlp.Url("endpoint", "http", "https");
        if (endpoint is null && !otlp.IsPresent("endpoint"))
        {
            otlp.Missing("endpoint");
        }

        var headers = new Dictionary<string, SecretRef>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, name, value) in otlp.NamedEntries("headers"))
        {
            var path = $"{otlp.At("headers")}.{name}";
            if (SecretRefReader.Read(otlp.Context, value, path, key.Start, $"otlp-header-{name.ToLowerInvariant()}") is { } secret)
            {
                headers[name] = secret;
            }
        }

        return endpoint is null ? null : new OtlpConfig { Endpoint = new Uri(endpoint), Headers = headers };
    }
}
