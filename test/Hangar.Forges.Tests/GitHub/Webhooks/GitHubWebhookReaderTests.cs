using System.Text;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.Tests.GitHub.Webhooks;

/// <summary>What the GitHub reader does besides the <c>workflow_job</c> payload: signature, event kinds, hook target, origin.</summary>
public class GitHubWebhookReaderTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("It's a Secret to Everybody");
    private static readonly byte[] Queued = Payloads.Read("workflow_job.queued.json");

    private static WebhookMessage Read(byte[] body, string eventName = "workflow_job", params (string, string)[] headers) =>
        GitHubDeliveries.Reader.Read(GitHubDeliveries.Of(body, eventName, "d-1", headers), "github");

    [Fact]
    public void ForgeType_IsGitHub() => GitHubDeliveries.Reader.ForgeType.ShouldBe("github");

    [Fact]
    public void DeliveryId_XGitHubDelivery() =>
        GitHubDeliveries.Reader.DeliveryId(GitHubDeliveries.Of(Queued, deliveryId: "72d3162e")).ShouldBe("72d3162e");

    [Fact]
    public void IsSigned_XHubSignature256OfTheBody_True()
    {
        var delivery = GitHubDeliveries.Of(Queued, headers: ("X-Hub-Signature-256", GitHubWebhookSignature.Sign(Queued, Secret)));

        GitHubDeliveries.Reader.IsSigned(delivery, Secret).ShouldBeTrue();
        GitHubDeliveries.Reader.IsSigned(delivery, Encoding.UTF8.GetBytes("another secret")).ShouldBeFalse();
        GitHubDeliveries.Reader.IsSigned(delivery, []).ShouldBeFalse();
    }

    [Fact]
    public void IsSigned_OnlyAGiteaStyleSignatureHeader_False()
    {
        // Gitea's X-Gitea-Signature is the bare hex digest: a GitHub forge must not accept it in place of its own header.
        var hex = GitHubWebhookSignature.Sign(Queued, Secret)["sha256=".Length..];

        GitHubDeliveries.Reader.IsSigned(GitHubDeliveries.Of(Queued, headers: ("X-Gitea-Signature", hex)), Secret).ShouldBeFalse();
        GitHubDeliveries.Reader.IsSigned(GitHubDeliveries.Of(Queued), Secret).ShouldBeFalse();
    }

    [Theory]
    [InlineData("{\"zen\":\"Design for failure.\",\"hook_id\":1}")]
    [InlineData("not json at all")]
    public void Read_Ping_PingWhateverTheBody(string body)
    {
        var message = Read(Encoding.UTF8.GetBytes(body), "ping");

        message.Kind.ShouldBe(WebhookMessageKind.Ping);
        message.EventName.ShouldBe("ping");
        message.Event.ShouldBeNull();
    }

    [Fact]
    public void Read_OtherEvent_IgnoredNamingIt()
    {
        var message = Read(Encoding.UTF8.GetBytes("{\"action\":\"opened\"}"), "issues");

        message.Kind.ShouldBe(WebhookMessageKind.Ignored);
        message.Reason.ShouldBe("event 'issues' ignored");
    }

    [Fact]
    public void Read_QueuedJob_OriginFromRepositoryUrlAndInstallation()
    {
        var message = Read(Queued);

        message.IsJob.ShouldBeTrue();
        message.Origin.RepositoryApiUrl.ShouldBe("https://api.github.com/repos/acme/app");
        message.Origin.InstallationId.ShouldNotBeNull();
    }

    [Fact]
    public void Read_BodyNotJson_OriginUnknown() => Read(Encoding.UTF8.GetBytes("not json")).Origin.ShouldBe(WebhookOrigin.Unknown);

    [Theory]
    [InlineData("organization", "91000001", WebhookMessageKind.Job)]
    [InlineData("organization", "91000002", WebhookMessageKind.Malformed)]
    [InlineData("repository", "583726451", WebhookMessageKind.Job)]
    [InlineData("repository", "1", WebhookMessageKind.Malformed)]
    [InlineData("enterprise", "4242", WebhookMessageKind.Job)]
    [InlineData("business", "4243", WebhookMessageKind.Malformed)]
    [InlineData("integration", "1", WebhookMessageKind.Job)]
    [InlineData("organization", "not-a-number", WebhookMessageKind.Job)]
    public void Read_HookTargetHeaders_CheckedAgainstThePayload(string type, string id, WebhookMessageKind expected)
    {
        var message = Read(Queued, "workflow_job", ("X-GitHub-Hook-Installation-Target-Type", type), ("X-GitHub-Hook-Installation-Target-ID", id));

        message.Kind.ShouldBe(expected);
        if (expected == WebhookMessageKind.Malformed)
        {
            message.Reason.ShouldNotBeNull().ShouldContain("does not match the payload");
        }
    }

    [Fact]
    public void Read_OrganizationHookButNoOrganizationInPayload_MalformedEvenForAPing()
    {
        var body = Encoding.UTF8.GetBytes("{\"zen\":\"x\",\"hook_id\":1}");

        var message = Read(body, "ping", ("X-GitHub-Hook-Installation-Target-Type", "organization"), ("X-GitHub-Hook-Installation-Target-ID", "7"));

        message.Kind.ShouldBe(WebhookMessageKind.Malformed);
        message.Reason.ShouldNotBeNull().ShouldContain("has no organization.id");
    }

    [Fact]
    public void Read_ForAnotherForge_SameEventRelabelled()
    {
        var message = Read(Queued).ForForge("ghes");

        message.Event.ShouldNotBeNull().Forge.ShouldBe("ghes");
        message.Event.JobId.ShouldBe(31205472011);
    }
}
