using System.Text.Json.Serialization;

namespace Hangar.Store.Sqlite;

[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
