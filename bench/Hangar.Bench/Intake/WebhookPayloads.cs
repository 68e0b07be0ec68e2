using System.Text;
using System.Text.Json.Nodes;
using Hangar.Bench.Harness;
using Hangar.Forges.GitHub.Webhooks;

namespace Hangar.Bench.Intake;

/// <summary>Signed <c>workflow_job</c> bodies built from GitHub's own example payload (3.3 kB), one job id each.</summary>
internal static class WebhookPayloads
{
    private const string JobIdMarker = "31205472011";
    private const string RunIdMarker = "11284516332";

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(WebhookPayloads).Assembly.GetManifestResourceStream("workflow_job.queued.json")!;
        using var reader = new StreamReader(stream);

        // Minified, as GitHub sends it.
        return JsonNode.Parse(reader.ReadToEnd())!.ToJsonString();
    });

    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes(BenchHost.Secret);

    public static byte[] Queued(long jobId) => Encoding.UTF8.GetBytes(
        Template.Value.Replace(JobIdMarker, jobId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(RunIdMarker, (jobId + 7).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    public static byte[] Completed(long jobId, string runnerName, long? runnerId)
    {
        var node = JsonNode.Parse(Queued(jobId))!;
        node["action"] = "completed";
        var job = node["workflow_job"]!;
        job["status"] = "completed";
        job["conclusion"] = "success";
        job["completed_at"] = "2026-11-22T10:16:03Z";
        job["runner_name"] = runnerName;
        job["runner_id"] = runnerId;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static string Sign(byte[] body) => GitHubWebhookSignature.Sign(body, SecretBytes);
}
