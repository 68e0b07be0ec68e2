using System.Net;
using Hangar.Core.Forges;
using Hangar.Core.Jobs;

namespace Hangar.Forges.Tests.GitHub;

public class GitHubForgeJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("queued", JobStatus.Queued)]
    [InlineData("waiting", JobStatus.Waiting)]
    [InlineData("in_progress", JobStatus.InProgress)]
    [InlineData("completed", JobStatus.Completed)]
    [InlineData("pending", JobStatus.Queued)]
    public async Task GetJobAsync_KnownJob_MapsStatusAndFields(string status, JobStatus expected)
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, Job(status));
        var forge = TestForge.Create(handler);

        var job = await forge.GetJobAsync("acme/app", 29679449, Ct).WaitAsync(TestForge.Timeout, Ct);

        job.ShouldNotBeNull();
        job.ShouldBe(new ForgeJob(29679449, expected, "hangar-7", 77, "success", job.Labels));
        job.Labels.ShouldBe(["self-hosted", "linux"]);
        var request = handler.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe(HttpMethod.Get);
        request.PathAndQuery.ShouldBe("/repos/acme/app/actions/jobs/29679449");
        request.Headers["Accept"].ShouldStartWith("application/vnd.github+json");
    }

    [Fact]
    public async Task GetJobAsync_QueuedJobWithoutRunner_HasNullRunnerFields()
    {
        var json = """
            {"id":1,"run_id":2,"status":"queued","conclusion":null,"runner_id":null,"runner_name":null,"labels":["gpu"],
             "created_at":"2026-11-22T10:00:00Z","started_at":"2026-11-22T10:00:00Z","completed_at":null}
            """;
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, json);
        var forge = TestForge.Create(handler);

        var job = await forge.GetJobAsync("acme/app", 1, Ct).WaitAsync(TestForge.Timeout, Ct);

        job.ShouldBe(new ForgeJob(1, JobStatus.Queued, null, null, null, job!.Labels));
    }

    [Fact]
    public async Task GetJobAsync_NotFound_ReturnsNull()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.NotFound, """{"message":"Not Found"}""");
        var forge = TestForge.Create(handler);

        var job = await forge.GetJobAsync("acme/app", 1, Ct).WaitAsync(TestForge.Timeout, Ct);

        job.ShouldBeNull();
    }

    [Fact]
    public async Task GetJobAsync_UnknownStatus_ThrowsForgeException()
    {
        var handler = new RecordingHandler().Respond(HttpStatusCode.OK, Job("exploded"));
        var forge = TestForge.Create(handler);

        var ex = await Should.ThrowAsync<ForgeException>(() => forge.GetJobAsync("acme/app", 1, Ct).WaitAsync(TestForge.Timeout, Ct));

        ex.Message.ShouldContain("exploded");
    }

    [Fact]
    public async Task GetJobAsync_BodyNotJson_ThrowsForgeException()
    {
        var handler = new RecordingHandler().Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy</html>") });
        var forge = TestForge.Create(handler);

        var ex = await Should.ThrowAsync<ForgeException>(() => forge.GetJobAsync("acme/app", 1, Ct).WaitAsync(TestForge.Timeout, Ct));

        ex.Message.ShouldContain("unexpected body");
    }

    [Theory]
    [InlineData("no-slash")]
    [InlineData("a/b/c")]
    [InlineData("/b")]
    public async Task GetJobAsync_RepositoryNotOwnerSlashName_ThrowsArgumentException(string repository)
    {
        var handler = new RecordingHandler();
        var forge = TestForge.Create(handler);

        await Should.ThrowAsync<ArgumentException>(() => forge.GetJobAsync(repository, 1, Ct).WaitAsync(TestForge.Timeout, Ct));

        handler.Requests.ShouldBeEmpty();
    }

    private static string Job(string status) =>
        $$"""
        {
          "id": 29679449, "run_id": 29679449, "run_attempt": 1, "workflow_name": "CI", "head_branch": "main",
          "status": "{{status}}", "conclusion": "success",
          "created_at": "2026-11-22T10:00:00Z", "started_at": "2026-11-22T10:00:05Z", "completed_at": null,
          "name": "build", "steps": [], "labels": ["self-hosted", "linux"],
          "runner_id": 77, "runner_name": "hangar-7", "runner_group_id": 1, "runner_group_name": "Default"
        }
        """;
}
