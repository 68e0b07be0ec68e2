namespace Hangar.Server.Tests.Telemetry;

/// <summary>One span as an OTLP/HTTP export carried it (ids as lower-case hex).</summary>
public sealed record OtlpSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);
