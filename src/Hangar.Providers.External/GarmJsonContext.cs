using System.Text.Json.Serialization;

namespace Hangar.Providers.External;

[JsonSerializable(typeof(BootstrapInstance))]
[JsonSerializable(typeof(GarmInstance))]
[JsonSerializable(typeof(List<GarmInstance>))]
internal sealed partial class GarmJsonContext : JsonSerializerContext;
