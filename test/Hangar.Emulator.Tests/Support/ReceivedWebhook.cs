using System.Text.Json.Nodes;

namespace Hangar.Emulator.Tests.Support;

internal sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string Action => Json["action"]!.GetValue<string>();

    public long JobId => Json["workflow_job"]!["id"]!.GetValue<long>();

    public string Delivery => Headers["X-GitHub-Delivery"];
}
