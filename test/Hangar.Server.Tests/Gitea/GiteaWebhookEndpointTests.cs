using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangar.Configuration;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Forges.GitHub;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Forges.Gitea;
using Hangar.Forges.Gitea.Webhooks;

namespace Hangar.Server.Tests.Gitea;

/// <summary>
/// <c>POST /webhooks/{forge}</c> for a forge of type <c>gitea</c>, through the real host: Gitea's own signature or 401 with
/// nothing stored, the job keyed by <c>(id, run_attempt)</c>, and a redelivery (which Gitea sends under a new delivery id)
/// recognised as the same event.
/// </summary>
public sealed class GiteaWebhookEndpointTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync(moreForges:
    [
        new ForgeConfig
        {
            Type = "gitea",
            GitHub = new GitHubForgeOptions { Name = "gitea" },
            GiteaFamily = new GiteaFamilyOptions { Name = "gitea", BaseUrl = "http://127.0.0.1:9" },
            Token = new SecretRef("gh-token"),
            WebhookSecret = new SecretRef("gh-secret"),
        },
    ]);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Post_SignedWorkflowJob_StoredByIdAndAttemptAndRedeliveryIsDuplicate()
    {
        var body = Payload(runAttempt: 2);

        using var first = await PostAsync(body, GiteaWebhookSignature.Sign(body, Secret), Guid.NewGuid().ToString());
        using var redelivered = await PostAsync(body, GiteaWebhookSignature.Sign(body, Secret), Guid.NewGuid().ToString());

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        redelivered.StatusCode.ShouldBe(HttpStatusCode.OK);
        var job = (await _server.Store.GetJobAsync(new JobKey("gitea", 42, 2), Ct)).ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Queued);
        job.Repository.ShouldBe("acme/app");
    }

    [Fact]
    public async Task Post_UnsignedForgedOrGitHubSigned_401AndNothingStored()
    {
        var body = Payload(runAttempt: 1);
        var other = Encoding.UTF8.GetBytes("{}");

        using var unsigned = await PostAsync(body, signature: null, "d1");
        using var empty = await PostAsync(body, signature: "", "d2");
        using var forged = await PostAsync(body, GiteaWebhookSignature.Sign(other, Secret), "d3");
        using var wrongSecret = await PostAsync(body, GiteaWebhookSignature.Sign(body, Encoding.UTF8.GetBytes("guess")), "d4");
        using var githubOnly = await PostAsync(body, signature: null, "d5", ("X-Hub-Signature-256", GitHubWebhookSignature.Sign(body, Secret)));

        foreach (var response in new[] { unsigned, empty, forged, wrongSecret, githubOnly })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await _server.Store.ListJobsAsync(new JobQuery(), Ct)).ShouldBeEmpty();
    }

    private static byte[] Secret => Encoding.UTF8.GetBytes(ServerFixture.Secret);

    private static byte[] Payload(long runAttempt) => Encoding.UTF8.GetBytes($$$$"""
        {"action":"queued",
         "workflow_job":{"id":42,"run_id":9,"run_attempt":{{{{runAttempt}}}},"name":"build","labels":["linux"],"status":"queued"},
         "repository":{"id":1,"full_name":"acme/app","owner":{"login":"acme"}}}
        """);

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature, string delivery, params (string Name, string Value)[] extra)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/gitea") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitea-Event", "workflow_job");
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-Gitea-Delivery", delivery);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(GiteaWebhookSignature.HeaderName, signature);
        }

        foreach (var (name, value) in extra)
        {
            request.Headers.Add(name, value);
        }

        return await _server.Http.SendAsync(request, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }
}
