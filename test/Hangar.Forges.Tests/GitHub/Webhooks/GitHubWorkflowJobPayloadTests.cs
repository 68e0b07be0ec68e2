using System.Text;
using Hangar.Core.Jobs;
using Hangar.Forges.Webhooks;

namespace Hangar.Forges.Tests.GitHub.Webhooks;

/// <summary><c>workflow_job</c> payloads, through the GitHub webhook reader.</summary>
public class GitHubWorkflowJobPayloadTests
{
    private const string Delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    [Fact]
    public void Read_Queued_ReturnsDemandEventWithoutRunner()
    {
        var result = GitHubDeliveries.ReadWorkflowJob("github", Payloads.Read("workflow_job.queued.json"), Delivery);

        result.Kind.ShouldBe(WebhookMessageKind.Job);
        result.Reason.ShouldBeNull();
        result.Event.ShouldBe(new JobEvent
        {
            Forge = "github",
            JobId = 31205472011,
            Status = JobStatus.Queued,
            Repository = "acme/app",
            Owner = "acme",
            Enterprise = "big-co",
            Labels = result.Event!.Labels,
            RunId = 11284516332,
            Name = "build (linux, x64)",
            DeliveryId = Delivery,
            CreatedAt = new DateTimeOffset(2026, 11, 22, 10, 15, 3, TimeSpan.Zero),
        });
        result.Event.Labels.ShouldBe(["self-hosted", "linux", "x64"]);
    }

    [Fact]
    public void Read_Waiting_ReturnsWaitingEvent()
    {
        var result = GitHubDeliveries.ReadWorkflowJob("github", Payloads.Read("workflow_job.waiting.json"), Delivery);

        result.IsJob.ShouldBeTrue();
        result.Event.Status.ShouldBe(JobStatus.Waiting);
        result.Event.RunnerName.ShouldBeNull();
    }

    [Fact]
    public void Read_InProgress_CarriesRunner()
    {
        var result = GitHubDeliveries.ReadWorkflowJob("github", Payloads.Read("workflow_job.in_progress.json"), Delivery);

        result.IsJob.ShouldBeTrue();
        result.Event.Status.ShouldBe(JobStatus.InProgress);
        result.Event.RunnerName.ShouldBe("hangar-linux-x64-7f3k2");
        result.Event.RunnerId.ShouldBe(2087);
        result.Event.Conclusion.ShouldBeNull();
    }

    [Fact]
    public void Read_Completed_CarriesConclusionAndRunner()
    {
        var result = GitHubDeliveries.ReadWorkflowJob("ghes", Payloads.Read("workflow_job.completed.json"), null);

        result.IsJob.ShouldBeTrue();
        result.Event.Forge.ShouldBe("ghes");
        result.Event.Status.ShouldBe(JobStatus.Completed);
        result.Event.Conclusion.ShouldBe("success");
        result.Event.RunnerName.ShouldBe("hangar-linux-x64-7f3k2");
        result.Event.DeliveryId.ShouldBeNull();
    }

    [Fact]
    public void Read_UserRepositoryWithoutOrganization_TakesOwnerFromRepository()
    {
        var result = GitHubDeliveries.ReadWorkflowJob("github", Payloads.Read("workflow_job.queued.user-repo.json"), Delivery);

        result.IsJob.ShouldBeTrue();
        result.Event.Repository.ShouldBe("Codertocat/Hello-World");
        result.Event.Owner.ShouldBe("Codertocat");
        result.Event.Enterprise.ShouldBeNull();
        result.Event.Labels.ShouldBe(["ubuntu-latest"]);
    }

    [Theory]
    [InlineData("requested")]
    [InlineData("deleted")]
    [InlineData("")]
    public void Read_ActionHangarDoesNotUse_IsIgnoredWithReason(string action)
    {
        var body = Replace("workflow_job.queued.json", "\"action\": \"queued\"", $"\"action\": \"{action}\"");

        var result = GitHubDeliveries.ReadWorkflowJob("github", body, Delivery);

        result.Kind.ShouldBe(WebhookMessageKind.Ignored);
        result.Event.ShouldBeNull();
        result.Reason.ShouldNotBeNull().ShouldContain($"'{action}'");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("{\"action\":\"queued\"} trailing", "not valid JSON")]
    [InlineData("{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}", "action is missing")]
    [InlineData("{\"action\":5}", "action must be a string")]
    [InlineData("{\"action\":\"queued\",\"repository\":{\"full_name\":\"a/b\"}}", "workflow_job is missing")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":[],\"repository\":{\"full_name\":\"a/b\"}}", "workflow_job must be an object")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"labels\":[]},\"repository\":{\"full_name\":\"a/b\"}}", "workflow_job.id is missing")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":\"7\",\"labels\":[]},\"repository\":{\"full_name\":\"a/b\"}}", "workflow_job.id must be an integer")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1.5,\"labels\":[]},\"repository\":{\"full_name\":\"a/b\"}}", "workflow_job.id must be an integer")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1,\"labels\":[]}}", "repository is missing")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1,\"labels\":[]},\"repository\":{}}", "repository.full_name is missing")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1,\"labels\":[]},\"repository\":{\"full_name\":\"nope\"}}", "not of the form owner/name")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1},\"repository\":{\"full_name\":\"a/b\"}}", "workflow_job.labels is missing")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1,\"labels\":[\"x\",2]},\"repository\":{\"full_name\":\"a/b\"}}", "workflow_job.labels[1] must be a string")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1,\"labels\":[],\"runner_id\":\"r\"},\"repository\":{\"full_name\":\"a/b\"}}", "workflow_job.runner_id must be an integer")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1,\"labels\":[],\"created_at\":\"yesterday\"},\"repository\":{\"full_name\":\"a/b\"}}", "workflow_job.created_at must be an ISO 8601 timestamp")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1,\"labels\":[]},\"repository\":{\"full_name\":\"a/b\"},\"organization\":\"acme\"}", "organization must be an object")]
    [InlineData("{\"action\":\"queued\",\"workflow_job\":{\"id\":1,\"labels\":[],\"name\":\"\\ud800\"},\"repository\":{\"full_name\":\"a/b\"}}", "cannot be read")]
    public void Read_MalformedBody_ReportsWhatIsWrong(string body, string expected)
    {
        var result = GitHubDeliveries.ReadWorkflowJob("github", Encoding.UTF8.GetBytes(body), Delivery);

        result.Kind.ShouldBe(WebhookMessageKind.Malformed);
        result.Event.ShouldBeNull();
        result.Reason.ShouldNotBeNull().ShouldContain(expected);
    }

    [Fact]
    public void Read_MinimalValidBody_NullOptionalFieldsStayNull()
    {
        var body = """{"action":"completed","workflow_job":{"id":1,"labels":[],"runner_id":null,"conclusion":null},"repository":{"full_name":"a/b"},"organization":null}""";

        var result = GitHubDeliveries.ReadWorkflowJob("github", Encoding.UTF8.GetBytes(body), null);

        result.IsJob.ShouldBeTrue();
        result.Event.Owner.ShouldBeNull();
        result.Event.RunnerId.ShouldBeNull();
        result.Event.CreatedAt.ShouldBeNull();
    }

    private static byte[] Replace(string payload, string oldValue, string newValue)
    {
        var text = Encoding.UTF8.GetString(Payloads.Read(payload));
        text.ShouldContain(oldValue);
        return Encoding.UTF8.GetBytes(text.Replace(oldValue, newValue, StringComparison.Ordinal));
    }
}
