using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Hangar.Server.Tests.GitHub;

/// <summary>Every official <c>workflow_job</c> example (@octokit/webhooks-examples) signed by GitHub's own signer
/// (@octokit/webhooks-methods), produced by the committed script eng/sign-webhook-examples.mjs.</summary>
internal sealed record OfficialWebhookExamples(JsonNode Vector, IReadOnlyList<OfficialWebhookExamples.Example> Examples)
{
    public static async Task<OfficialWebhookExamples> SignAsync(string secret)
    {
        var root = RepositoryRoot();
        if (!File.Exists(Path.Combine(root, "node_modules", "@octokit", "webhooks-methods", "package.json")))
        {
            throw new InvalidOperationException($"@octokit/webhooks-methods is missing: run 'npm ci' in {root} (eng/test.sh does it when node_modules is absent)");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(root, "eng", "sign-webhook-examples.mjs"));
        start.ArgumentList.Add(secret);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node eng/sign-webhook-examples.mjs exited {process.ExitCode}: {await stderr}");
        }

        var json = JsonNode.Parse(await stdout)!;
        return new OfficialWebhookExamples(
            json["vector"]!,
            [.. json["examples"]!.AsArray().Select(e => new Example(
                $"{e!["source"]}#{e["index"]} {e["action"]}", e["action"]!.GetValue<string>(), e["body"]!.GetValue<string>(), e["signature"]!.GetValue<string>()))]);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hangar.slnx")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }

    public sealed record Example(string Name, string Action, string Body, string Signature)
    {
        public JsonNode Payload => JsonNode.Parse(Body)!;
    }
}
