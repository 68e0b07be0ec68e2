using System.Text.Json.Nodes;

namespace Hangar.Emulator.Tests.Support;

internal static class JsonExtensions
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestTimeouts.Token()))!;

    public static string[] Strings(this JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
