using System.Text;
using System.Text.Json.Nodes;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Forges.Webhooks;
using Hangar.Testing;

namespace Hangar.Forges.Tests.GitHub.Webhooks;

/// <summary>
/// The single-pass scan (<see cref="GitHubPayload"/>) against the document reader it replaced
/// (<see cref="DocumentReferenceReader"/>): the same message (kind, event, reason word for word) and the same origin
/// facts, for every official example of every event and for thousands of damaged payloads.
/// </summary>
public class GitHubPayloadScanTests
{
    private const string Delivery = "d-1";

    public static TheoryData<string> OfficialExampleSets => ["api.github.com", "ghes-31", "ghes-35"];

    [Theory]
    [MemberData(nameof(OfficialExampleSets))]
    public void Scan_EveryOfficialExampleOfEveryEvent_AgreesWithTheDocumentReader(string set)
    {
        var index = JsonNode.Parse(File.ReadAllText(RepositoryRoot.NodeModule(Path.Combine("@octokit", "webhooks-examples", set, "index.json"))))!.AsArray();
        var jobs = 0;
        var total = 0;
        foreach (var hook in index)
        {
            foreach (var example in hook!["examples"]!.AsArray())
            {
                var body = Encoding.UTF8.GetBytes(example!.ToJsonString());
                AssertAgrees(body);
                total++;
                jobs += hook["name"]!.GetValue<string>() == "workflow_job" ? 1 : 0;
            }
        }

        // The set must actually hold what is compared: many events, and workflow_job among them.
        total.ShouldBeGreaterThan(40);
        jobs.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Scan_MutatedRealPayloads_AgreesWithTheDocumentReader()
    {
        var random = new Random(17);
        var kinds = new Dictionary<WebhookMessageKind, int>();
        foreach (var name in PayloadMutations.PayloadNames)
        {
            var original = Payloads.Read(name);
            for (var i = 0; i < 1_500; i++)
            {
                var kind = AssertAgrees(PayloadMutations.Mutate(original, random));
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }
        }

        kinds.GetValueOrDefault(WebhookMessageKind.Job).ShouldBeGreaterThan(0);
        kinds.GetValueOrDefault(WebhookMessageKind.Malformed).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("""{"action":"queued","action":"completed","workflow_job":{"id":1,"labels":[]},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[]},"workflow_job":{"id":2,"labels":["x"]},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[],"id":"2"},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[]},"repository":{"full_name":"a/b","id":5},"repository":{"full_name":"c/d"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[]},"repository":{"full_name":"a/b","owner":{"login":"x"},"owner":null}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[]},"workflow_job":null,"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":["a"],"labels":"b"},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"acti\u006fn":"queued","workflow_job":{"\u0069d":1,"labels":[]},"repository":{"full_name":"a\/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[null]},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[["x"]]},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":12345678901234567890,"labels":[]},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1e3,"labels":[]},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[],"created_at":"2026-11-22T10:15:03+02:00"},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[]},"repository":{"full_name":"a/b","url":"\ud800"},"installation":{"id":7},"enterprise":{"id":"9"}}""")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[]},"repository":{"full_name":"a/b"},"organization":{"login":5}}""")]
    [InlineData("  {\"action\":\"queued\"}  \r\n")]
    [InlineData("\uFEFF{\"action\":\"queued\"}")]
    [InlineData(" ")]
    [InlineData("{\"action\":\"queued\"} {}")]
    [InlineData("{\"action\":\"queued\"} // comment")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    public void Scan_EdgeCases_AgreesWithTheDocumentReader(string body) => AssertAgrees(Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData(63, WebhookMessageKind.Malformed)]
    [InlineData(64, WebhookMessageKind.Malformed)]
    [InlineData(65, WebhookMessageKind.Malformed)]
    public void Scan_DeepNesting_AgreesWithTheDocumentReader(int depth, WebhookMessageKind expected)
    {
        // The extra depth sits in a field Hangar never reads, so only the parser's own limit decides.
        var body = Encoding.UTF8.GetBytes($"{{\"action\":\"queued\",\"deep\":{new string('[', depth - 1)}{new string(']', depth - 1)}}}");

        AssertAgrees(body).ShouldBe(expected);
    }

    private static WebhookMessageKind AssertAgrees(byte[] body)
    {
        var (expected, expectedFacts) = DocumentReferenceReader.Read("github", body, Delivery);
        var payload = GitHubPayload.Scan(body);
        var actual = payload.ParseError is { } error
            ? WebhookMessage.Malformed(GitHubWorkflowJobPayload.EventName, error)
            : GitHubWorkflowJobPayload.Read("github", payload, Delivery);

        var what = Encoding.UTF8.GetString(body);
        GitHubPayloadFacts.Read(payload).ShouldBe(expectedFacts, what);
        actual.Kind.ShouldBe(expected.Kind, what);
        actual.Reason.ShouldBe(expected.Reason, what);
        if (expected.Event is { } job)
        {
            actual.Event.ShouldNotBeNull().Labels.ShouldBe(job.Labels, what);
            (actual.Event with { Labels = job.Labels }).ShouldBe(job, what);
        }

        return actual.Kind;
    }
}
