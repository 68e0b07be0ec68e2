using Hangar.Configuration;
using Hangar.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hangar.Server.Composition;

/// <summary>Trace export: the <c>Hangar</c> activity source (one trace per job, see <see cref="JobTrace"/>) and ASP.NET
/// Core's request spans, to OTLP/HTTP when <c>telemetry.otlp</c> is set. Nothing is recorded without it.</summary>
internal static class TelemetryComposition
{
    /// <exception cref="SecretNotFoundException">A header's secret is nowhere to be found.</exception>
    public static IServiceCollection AddHangarTracing(this IServiceCollection services, TelemetryConfig telemetry, IReadOnlyDictionary<string, string> secrets, string role)
    {
        if (telemetry.Otlp is not { } otlp)
        {
            return services;
        }

        // Resolved now: a missing secret stops the start, not the first export.
        var headers = string.Join(",", otlp.Headers.Select(h => $"{h.Key}={Uri.EscapeDataString(SecretResolver.Resolve(h.Value, secrets))}"));
        var endpoint = new Uri(otlp.Endpoint.ToString().TrimEnd('/') + "/v1/traces");
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(role == "serve" ? telemetry.ServiceName : $"{telemetry.ServiceName}-{role}"))
            .WithTracing(tracing => tracing
                .AddSource(JobTrace.SourceName, "Microsoft.AspNetCore")
                .SetSampler(new AlwaysOnSampler())
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = endpoint;
                    o.Protocol = OtlpExportProtocol.HttpProtobuf;
                    o.Headers = headers;
                }));
        return services;
    }
}
