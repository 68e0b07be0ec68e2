using System.Text.Json.Serialization;

namespace Hangar.Emulator.Runner.Protocol;

/// <summary>Every JSON shape the runner reads, generated at compile time: the runner is published Native AOT, where reflection-based serialization is unavailable.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(JitConfigFiles))]
[JsonSerializable(typeof(RunnerFile))]
[JsonSerializable(typeof(CredentialsFile))]
[JsonSerializable(typeof(JobAssignment))]
[JsonSerializable(typeof(string))]
internal sealed partial class RunnerJsonContext : JsonSerializerContext;
