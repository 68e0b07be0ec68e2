using System.Text.Json.Serialization;

namespace Hangar.Providers.Process;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ProcessRecord))]
internal sealed partial class ProcessRecordJsonContext : JsonSerializerContext;
