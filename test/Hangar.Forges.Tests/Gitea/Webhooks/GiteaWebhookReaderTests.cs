using System.Text;
using Hangar.Core.Jobs;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Forges.Gitea.Webhooks;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.Tests.Gitea.Webhooks;

/// <summary>Gitea's <c>workflow_job</c> webhooks: plain-hex signature, job key <c>(id, run_attempt)</c>, a dedupe key that
/// survives Gitea's per-attempt delivery ids, and a clear verdict on anything malformed.</summary>
public sealed class GiteaWebhookReaderTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("gitea-secret");
    private static readonly GiteaWebhookReader Reader = new();

    [Fact]
    public void IsSigned_GiteaSignatureOfBody_True()
    {
        var body = Payload("queued");

        Reader.IsSigned(Delivery(body, GiteaWebhookSignature.Sign(body, Secret)), Secret).ShouldBeTrue();
    }

    [Fact]
    public void IsSigned_ForgedOrEmptyOrOtherSecret_False()
    {
        var body = Payload("queued");
        var signature = GiteaWebhookSignature.Sign(body, Secret);
        var tampered = Payload("completed");

        Reader.IsSigned(Delivery(tampered, signature), Secret).ShouldBeFalse();
        Reader.IsSigned(Delivery(body, signature), Encoding.UTF8.GetBytes("other")).ShouldBeFalse();
        // Gitea without a configured secret sends an empty digest.
        Reader.IsSigned(Delivery(body, ""), Secret).ShouldBeFalse();
        Reader.IsSigned(Delivery(body, null), Secret).ShouldBeFalse();
        Reader.IsSigned(Delivery(body, signature), []).ShouldBeFalse();
        // The GitHub-style header alone is not Gitea's signature.
        Reader.IsSigned(Delivery(body, null, ("X-Hub-Signature-256", GitHubWebhookSignature.Sign(body, Secret))), Secret).ShouldBeFalse();
    }

    [Theory]
    [InlineData("queued", JobStatus.Queued)]
    [InlineData("waiting", JobStatus.Waiting)]
    [InlineData("in_progress", JobStatus.InProgress)]
    [InlineData("completed", JobStatus.Completed)]
    public void Read_WorkflowJob_EventKeyedByIdAndRunAttempt(string action, JobStatus status)
    {
        var message = Reader.Read(Delivery(Payload(action, attempt: 3), "x"), "gitea");

        var e = message.Event.ShouldNotBeNull();
        e.Status.ShouldBe(status);
        e.Key.ShouldBe(new JobKey("gitea", 42, 3));
        e.Repository.ShouldBe("acme/app");
        e.Owner.ShouldBe("acme");
        e.Labels.ShouldBe(["ubuntu-latest"]);
        e.DeliveryId.ShouldBe($"gitea:42:3:{action}");
    }

    [Fact]
    public void Read_RedeliveryWithNewDeliveryId_SameDedupeKey()
    {
        var body = Payload("queued");

        var first = Reader.Read(Delivery(body, "x", ("X-Gitea-Delivery", "d1")), "gitea");
        var again = Reader.Read(Delivery(body, "x", ("X-Gitea-Delivery", "d2")), "gitea");

        again.Event!.DeliveryId.ShouldBe(first.Event!.DeliveryId);
    }

    [Fact]
    public void Read_RunnerFieldsZeroAndEpochTimes_ReadAsAbsent()
    {
        var message = Reader.Read(Delivery(Payload("queued", runnerId: 0, createdAt: "1970-01-01T00:00:00Z"), "x"), "gitea");

        var e = message.Event.ShouldNotBeNull();
        e.RunnerId.ShouldBeNull();
        e.RunnerName.ShouldBeNull();
        e.CreatedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData("", "body is empty")]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("""{"action":"queued","workflow_job":{"id":"x"},"repository":{"full_name":"a/b"}}""", "workflow_job.id must be an integer")]
    [InlineData("""{"action":"queued","workflow_job":{"id":1,"labels":[]},"repository":{"full_name":"nope"}}""", "not of the form owner/name")]
    public void Read_Malformed_SaysWhat(string body, string reason)
    {
        var message = Reader.Read(Delivery(Encoding.UTF8.GetBytes(body), "x"), "gitea");

        message.Kind.ShouldBe(WebhookMessageKind.Malformed);
        message.Reason.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void Read_OtherEvents_PingAnsweredOthersIgnored()
    {
        Reader.Read(Delivery(Payload("queued"), "x", ("X-Gitea-Event", "ping")), "gitea").Kind.ShouldBe(WebhookMessageKind.Ping);
        Reader.Read(Delivery(Payload("queued"), "x", ("X-Gitea-Event", "push")), "gitea").Kind.ShouldBe(WebhookMessageKind.Ignored);
        Reader.Read(Delivery(Payload("requested"), "x"), "gitea").Kind.ShouldBe(WebhookMessageKind.Ignored);
    }

    internal static byte[] Payload(string action, long attempt = 1, long runnerId = 0, string createdAt = "2026-11-28T01:00:00Z") =>
        Encoding.UTF8.GetBytes($$$"""
        {"action":"{{{action}}}",
         "workflow_job":{"id":42,"run_id":9,"run_attempt":{{{attempt}}},"name":"build","labels":["ubuntu-latest"],
           "status":"{{{action}}}","conclusion":"","runner_id":{{{runnerId}}},"runner_name":"","created_at":"{{{createdAt}}}"},
         "repository":{"id":1,"full_name":"acme/app","url":"https://git.example.com/api/v1/repos/acme/app","owner":{"login":"acme"}},
         "sender":{"login":"dev"}}
        """);

    private static WebhookDelivery Delivery(byte[] body, string? signature, params (string Name, string Value)[] extra)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Gitea-Event"] = "workflow_job" };
        if (signature is not null)
        {
            headers[GiteaWebhookSignature.HeaderName] = signature;
        }

        foreach (var (name, value) in extra)
        {
            headers[name] = value;
        }

        return new WebhookDelivery(body, name => headers.GetValueOrDefault(name) is { Length: > 0 } v ? v : null);
    }
}
