using System.Net;
using System.Text;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Server.Tests.Webhooks;

public sealed class GitHubWebhookEndpointTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync(maxBodyBytes: 8 * 1024);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private Task<IReadOnlyList<Job>> AllJobsAsync() => _server.Store.ListJobsAsync(new JobQuery(), Timeout);

    [Fact]
    public async Task Post_ValidQueuedJob_StoredAndAccepted()
    {
        using var response = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(1001, "queued", ["self-hosted", "linux", "x64"]));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var job = await _server.Store.GetJobAsync(new JobKey("github", 1001), Timeout);
        job.ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Queued);
        job.Repository.ShouldBe("acme/app");
        job.Labels.ShouldBe(["self-hosted", "linux", "x64"]);
    }

    [Fact]
    public async Task Post_BadSignature_401AndNothingStored()
    {
        using var response = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(1002, "queued"), signWith: "not-the-secret");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await AllJobsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_MissingSignature_401AndNothingStored()
    {
        using var response = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(1003, "queued"), signWith: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AllJobsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_BodyChangedAfterSigning_401AndNothingStored()
    {
        var body = WorkflowJobPayloads.Create(1004, "queued");
        var signature = Hangar.Forges.GitHub.Webhooks.GitHubWebhookSignature.Sign(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(ServerFixture.Secret));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StringContent(body.Replace("1004", "1005", StringComparison.Ordinal), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-Hub-Signature-256", signature);

        using var response = await _server.Http.SendAsync(request, Timeout);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AllJobsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_ForgeWithoutSecret_401AndNothingStored()
    {
        using var response = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(1006, "queued"), path: "/webhooks/github/unsigned");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AllJobsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_UnknownForge_404()
    {
        using var response = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(1007, "queued"), path: "/webhooks/github/nope");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_BodyOverLimit_413AndNothingStored()
    {
        var body = WorkflowJobPayloads.Create(1008, "queued").Replace("\"build\"", "\"" + new string('x', 9000) + "\"", StringComparison.Ordinal);

        using var response = await _server.PostWebhookAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await AllJobsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_413()
    {
        var body = Encoding.UTF8.GetBytes(WorkflowJobPayloads.Create(1009, "queued").Replace("\"build\"", "\"" + new string('x', 9000) + "\"", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StreamContent(new MemoryStream(body)) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-Hub-Signature-256", Hangar.Forges.GitHub.Webhooks.GitHubWebhookSignature.Sign(body, Encoding.UTF8.GetBytes(ServerFixture.Secret)));

        using var response = await _server.Http.SendAsync(request, Timeout);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await AllJobsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_MalformedJson_400AndNothingStored()
    {
        using var response = await _server.PostWebhookAsync("{\"action\":\"queued\",\"workflow_job\":{\"id\":");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await AllJobsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_DuplicateDelivery_200AndStoredOnce()
    {
        var delivery = Guid.NewGuid().ToString();
        using var first = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(1010, "queued"), delivery: delivery);
        // Same delivery id, different content: a replay must change nothing.
        using var second = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(1010, "in_progress", runnerName: "hgr-x-1"), delivery: delivery);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var jobs = await AllJobsAsync();
        jobs.Count.ShouldBe(1);
        jobs[0].Status.ShouldBe(JobStatus.Queued);
        jobs[0].RunnerName.ShouldBeNull();
    }

    [Fact]
    public async Task Post_LateQueuedAfterCompleted_NeverMovesBack()
    {
        using var done = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(1011, "completed", runnerName: "hgr-x-2"));
        using var late = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(1011, "queued"));

        done.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        late.IsSuccessStatusCode.ShouldBeTrue();
        (await _server.Store.GetJobAsync(new JobKey("github", 1011), Timeout))!.Status.ShouldBe(JobStatus.Completed);
    }

    [Fact]
    public async Task Post_Ping_200()
    {
        using var response = await _server.PostWebhookAsync("{\"zen\":\"Design for failure.\",\"hook_id\":1}", eventName: "ping");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_OtherEvent_200AndNothingStored()
    {
        using var response = await _server.PostWebhookAsync("{\"action\":\"opened\"}", eventName: "issues");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AllJobsAsync()).ShouldBeEmpty();
    }
}
