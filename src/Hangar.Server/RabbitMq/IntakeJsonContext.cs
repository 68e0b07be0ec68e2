using System.Text.Json.Serialization;

namespace Hangar.Server.RabbitMq;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IntakeMessage))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
