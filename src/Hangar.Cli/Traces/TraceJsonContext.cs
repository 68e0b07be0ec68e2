using System.Text.Json.Serialization;

namespace Hangar.Cli.Traces;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TraceRecord))]
internal sealed partial class TraceJsonContext : JsonSerializerContext;
