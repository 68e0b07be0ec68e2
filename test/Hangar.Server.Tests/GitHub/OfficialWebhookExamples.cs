using System.Text.Json.Nodes;

namespace Hangar.Server.Tests.GitHub;

/// <summary>Every official <c>workflow_job</c> example (@octokit/webhooks-examples) signed by GitHub's own signer
/// (@octokit/webhooks-methods), produced by the committed script eng/sign-webhook-examples.mjs.</summary>
internal sealed record OfficialWebhookExamples(JsonNode Vector, IReadOnlyList<OfficialWebhookExamples.Example> Examples)
{
    public static async Task<OfficialWebhookExamples> SignAsync(string secret)
    {
        RepositoryRoot.NodeModule(Path.Combine("@octokit", "webhooks-methods", "package.json"));
        var json = JsonNode.Parse(await NodeScript.RunAsync("sign-webhook-examples.mjs", [secret], TimeSpan.FromSeconds(60)))!;
        return new OfficialWebhookExamples(
            json["vector"]!,
            [.. json["examples"]!.AsArray().Select(e => new Example(
                $"{e!["source"]}#{e["index"]} {e["action"]}", e["action"]!.GetValue<string>(), e["body"]!.GetValue<string>(), e["signature"]!.GetValue<string>()))]);
    }

    public sealed record Example(string Name, string Action, string Body, string Signature)
    {
        public JsonNode Payload => JsonNode.Parse(Body)!;
    }
}
