using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangar.Configuration;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Forges.GitHub;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Forges.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Tests.Webhooks;

/// <summary>
/// <c>/webhooks/{forge}</c> picks the reader by the configured forge's type, never by the delivery's headers (Gitea and
/// Forgejo send GitHub's too). A forge <c>other</c> of a made-up type shares the <c>github</c> forge's secret, and every
/// delivery here also carries a valid GitHub signature and <c>X-GitHub-Event</c>.
/// </summary>
public sealed class WebhookReaderSelectionTests : IAsyncLifetime
{
    private const string TestType = "test-forge";

    private readonly RecordingWebhookReader _reader = new(TestType);
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync(
        moreForges:
        [
            new ForgeConfig { GitHub = new GitHubForgeOptions { Name = "other", ApiUrl = "http://127.0.0.1:9/" }, Type = TestType, Token = new SecretRef("gh-token"), WebhookSecret = new SecretRef("gh-secret") },
            new ForgeConfig { GitHub = new GitHubForgeOptions { Name = "polled", ApiUrl = "http://127.0.0.1:9/" }, Type = "no-webhooks", Token = new SecretRef("gh-token"), WebhookSecret = new SecretRef("gh-secret") },
        ],
        configureServices: services => services.AddSingleton<IWebhookReader>(_reader));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Post_GitHubSignedDeliveryToForgeOfAnotherType_ItsReaderDecidesAnd401()
    {
        using var response = await PostAsync("/webhooks/other", testSignature: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _reader.SignatureChecks.ShouldBe(1);
        _reader.Reads.ShouldBe(0, "nothing is parsed before its signature verifies");
        (await _server.Store.ListJobsAsync(new JobQuery(), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_DeliverySignedForTheForgesType_ReadOnceAndStoredWithItsKey()
    {
        using var response = await PostAsync("/webhooks/other", testSignature: "ok", testKey: "k1");
        using var again = await PostAsync("/webhooks/other", testSignature: "ok", testKey: "k1");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "the reader's dedupe key names the same event");
        _reader.Reads.ShouldBe(2);
        var job = (await _server.Store.GetJobAsync(new JobKey("other", RecordingWebhookReader.JobId, 2), Ct)).ShouldNotBeNull();
        job.Status.ShouldBe(JobStatus.Queued);
    }

    [Fact]
    public async Task Post_BarePathWithSecretSharedAcrossTypes_OnlyGitHubForgesAreCandidates()
    {
        using var response = await PostAsync("/webhooks/github", testSignature: "ok");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        _reader.SignatureChecks.ShouldBe(0);
        (await _server.Store.ListJobsAsync(new JobQuery(), Ct)).ShouldHaveSingleItem().Forge.ShouldBe("github");
    }

    [Fact]
    public async Task Post_GitHubForgeByName_GitHubReader()
    {
        using var byName = await PostAsync("/webhooks/unsigned", testSignature: "ok");
        using var legacy = await PostAsync("/webhooks/github/other", testSignature: "ok", testKey: "k2");

        byName.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        legacy.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        _reader.Reads.ShouldBe(1);
    }

    [Fact]
    public async Task Post_ForgeWhoseTypeHasNoReader_404AndNothingStored()
    {
        using var response = await PostAsync("/webhooks/polled", testSignature: "ok");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("take no webhooks");
        (await _server.Store.ListJobsAsync(new JobQuery(), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_UnknownForgeName_404()
    {
        using var response = await PostAsync("/webhooks/nope", testSignature: "ok");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        _reader.SignatureChecks.ShouldBe(0);
    }

    [Fact]
    public async Task Start_TwoReadersForOneForgeType_RefusedAtStart()
    {
        var ex = await Should.ThrowAsync<InvalidOperationException>(() => ServerFixture.StartAsync(
            configureServices: services => services.AddSingleton<IWebhookReader>(new RecordingWebhookReader("github"))));

        ex.Message.ShouldContain("two webhook readers for forge type github");
    }

    /// <summary>A GitHub <c>workflow_job</c> delivery validly signed with the shared secret, plus the test reader's headers.</summary>
    private async Task<HttpResponseMessage> PostAsync(string path, string? testSignature, string? testKey = null)
    {
        var body = Encoding.UTF8.GetBytes(WorkflowJobPayloads.Create(1001, "queued"));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", GitHubWebhookSignature.Sign(body, Encoding.UTF8.GetBytes(ServerFixture.Secret)));
        if (testSignature is not null)
        {
            request.Headers.Add("X-Test-Signature", testSignature);
        }

        if (testKey is not null)
        {
            request.Headers.Add("X-Test-Key", testKey);
        }

        return await _server.Http.SendAsync(request, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }
}
