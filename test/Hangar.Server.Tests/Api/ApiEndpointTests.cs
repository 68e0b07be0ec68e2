using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangar.Server.Tests.Webhooks;

namespace Hangar.Server.Tests.Api;

public sealed class ApiEndpointTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _server.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("/api/v1/pools")]
    [InlineData("/api/v1/runners")]
    [InlineData("/api/v1/jobs")]
    public async Task Get_WithoutToken_401Problem(string path)
    {
        using var response = await GetAsync(path, null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Get_WrongToken_401()
    {
        using var response = await GetAsync("/api/v1/jobs", "wrong");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetJobs_WithToken_ListsStoredJobInSnakeCase()
    {
        using var posted = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(77, "queued", ["self-hosted", "gpu"]));
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using var response = await GetAsync("/api/v1/jobs?status=queued", ServerFixture.ApiToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var job = doc.RootElement.GetProperty("items").EnumerateArray().Single();
        job.GetProperty("id").GetInt64().ShouldBe(77);
        job.GetProperty("status").GetString().ShouldBe("queued");
        job.GetProperty("repository").GetString().ShouldBe("acme/app");
    }

    [Fact]
    public async Task GetJobs_JobKilledAtTheHardCap_ShowsWhenAndWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        using var posted = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(78, "queued", ["self-hosted", "gpu"]));
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var killedAt = new DateTimeOffset(2026, 3, 1, 18, 0, 0, TimeSpan.Zero);
        await _server.Store.MarkJobKilledAsync(new Core.Jobs.JobKey("github", 78), "killed at hard cap", killedAt, ct);

        using var response = await GetAsync("/api/v1/jobs", ServerFixture.ApiToken);

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var job = doc.RootElement.GetProperty("items").EnumerateArray().Single(j => j.GetProperty("id").GetInt64() == 78);
        job.GetProperty("killed_reason").GetString().ShouldBe("killed at hard cap");
        job.GetProperty("killed_at").GetDateTimeOffset().ShouldBe(killedAt);
    }

    [Fact]
    public async Task GetJobs_UnknownStatus_400Problem()
    {
        using var response = await GetAsync("/api/v1/jobs?status=sideways", ServerFixture.ApiToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task GetRunner_Unknown_404Problem()
    {
        using var response = await GetAsync("/api/v1/runners/hgr-nope", ServerFixture.ApiToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Health_Endpoints_Answer()
    {
        using var live = await GetAsync("/healthz", null);
        live.StatusCode.ShouldBe(HttpStatusCode.OK);

        await Poll.UntilAsync(
            async () =>
            {
                using var response = await GetAsync("/readyz", null);
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(20),
            "/readyz to answer 200",
            TestContext.Current.CancellationToken,
            TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Metrics_AfterAWebhook_ExportsEngineCounters()
    {
        using var posted = await _server.PostWebhookAsync(WorkflowJobPayloads.Create(78, "queued"));
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using var response = await GetAsync("/metrics", null);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        text.ShouldContain("hangar_job_events_total");
        text.ShouldContain("outcome=\"Created\"");
    }
}
