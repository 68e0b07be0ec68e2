using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangar.Configuration;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Forges.GitHub.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.GitHub;

/// <summary>
/// GitHub's own <c>workflow_job</c> examples, signed by GitHub's own signer, posted to the real server with three forges
/// configured: github.com and a GHES sharing one secret (told apart by the payload), and a second github.com forge with
/// its own secret (told apart by the signature).
/// </summary>
public sealed class OfficialWebhookExampleTests : IAsyncLifetime
{
    private const string SharedSecret = "shared-secret-of-github-and-ghes";
    private const string OtherSecret = "secret-of-the-second-github-app";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private DirectoryInfo _dataDir = null!;

    private IStore Store => _app.Services.GetRequiredService<IStore>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _dataDir = Directory.CreateTempSubdirectory("hangar-webhook-examples-");
        var config = new HangarConfig
        {
            Server = new ServerConfig { DataDir = _dataDir.FullName },
            Engine = new EngineOptions { ControllerId = "examples" },
            Forges = new Dictionary<string, ForgeConfig>
            {
                ["github"] = new() { GitHub = new GitHubForgeOptions { Name = "github" }, Token = new SecretRef("t"), WebhookSecret = new SecretRef("shared") },
                ["ghes"] = new() { GitHub = new GitHubForgeOptions { Name = "ghes", ApiUrl = "https://ghes.example.com/api/v3" }, Token = new SecretRef("t"), WebhookSecret = new SecretRef("shared") },
                ["second"] = new() { GitHub = new GitHubForgeOptions { Name = "second" }, Token = new SecretRef("t"), WebhookSecret = new SecretRef("other") },
            },
        };
        _app = HangarHost.Create(config, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["t"] = "ghp_test", ["shared"] = SharedSecret, ["other"] = OtherSecret },
        });
        await _app.StartAsync(Ct);
        _http = new HttpClient { BaseAddress = new Uri(HangarHost.ListeningUrls(_app)[0]), Timeout = Timeout };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(Ct);
        await _app.DisposeAsync();
        _dataDir.Delete(recursive: true);
    }

    [Fact]
    public async Task SignatureTestVector_OfficialSigner_MatchesPublishedValueAndVerifies()
    {
        var vector = (await OfficialWebhookExamples.SignAsync(SharedSecret)).Vector;
        var signature = vector["signature"]!.GetValue<string>();

        signature.ShouldBe("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        GitHubWebhookSignature.IsValid("Hello, World!"u8, signature, "It's a Secret to Everybody"u8).ShouldBeTrue();
        GitHubWebhookSignature.Sign("Hello, World!"u8, "It's a Secret to Everybody"u8).ShouldBe(signature);
    }

    [Fact]
    public async Task Post_EveryOfficialExample_AcceptedAndRoutedToTheForgeWhoseHostAndSecretMatch()
    {
        var examples = await OfficialWebhookExamples.SignAsync(SharedSecret);
        examples.Examples.Select(e => e.Action).Distinct().Order().ShouldBe(["completed", "in_progress", "queued", "waiting"]);

        foreach (var example in examples.Examples)
        {
            using var response = await PostAsync("/webhooks/github", example.Body, example.Signature);

            ((int)response.StatusCode).ShouldBeOneOf([200, 202], $"{example.Name}: {await response.Content.ReadAsStringAsync(Ct)}");
            // Every example's repository.url is on api.github.com: the github forge, not the GHES sharing its secret.
            await ShouldBeStoredAsync("github", example);
        }

        (await Store.ListJobsAsync(new JobQuery(), Ct)).ShouldAllBe(j => j.Forge == "github");
    }

    [Fact]
    public async Task Post_OfficialExamplesSignedWithSecondSecret_RoutedToThatForge()
    {
        var examples = await OfficialWebhookExamples.SignAsync(OtherSecret);

        foreach (var example in examples.Examples)
        {
            using var response = await PostAsync("/webhooks/github", example.Body, example.Signature);

            ((int)response.StatusCode).ShouldBeOneOf([200, 202], example.Name);
            await ShouldBeStoredAsync("second", example);
        }
    }

    [Fact]
    public async Task Post_OfficialExampleToForgePath_RoutedByPath()
    {
        var example = (await OfficialWebhookExamples.SignAsync(SharedSecret)).Examples.First(e => e.Action == "queued");

        using var response = await PostAsync("/webhooks/github/ghes", example.Body, example.Signature);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await ShouldBeStoredAsync("ghes", example);
    }

    [Fact]
    public async Task Post_OfficialExampleToForgeNamePath_RoutedByPath()
    {
        var example = (await OfficialWebhookExamples.SignAsync(OtherSecret)).Examples.First(e => e.Action == "queued");

        using var wrongSecret = await PostAsync("/webhooks/ghes", example.Body, example.Signature);
        using var response = await PostAsync("/webhooks/second", example.Body, example.Signature);

        wrongSecret.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await ShouldBeStoredAsync("second", example);
    }

    [Fact]
    public async Task Post_OfficialExamplesWithOneByteChanged_401AndNothingStored()
    {
        var examples = await OfficialWebhookExamples.SignAsync(SharedSecret);

        foreach (var example in examples.Examples)
        {
            var bytes = Encoding.UTF8.GetBytes(example.Body);
            // Inside the job's name or URL, so the body stays valid JSON and only the signature can catch it.
            var at = example.Body.IndexOf("\"html_url\":\"", StringComparison.Ordinal) + 14;
            bytes[at] ^= 0x01;

            using var response = await PostAsync("/webhooks/github", bytes, example.Signature);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, example.Name);
            using var direct = await PostAsync("/webhooks/github/github", bytes, example.Signature);
            direct.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, example.Name);
        }

        (await Store.ListJobsAsync(new JobQuery(), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Post_HookTargetContradictingPayload_400()
    {
        var example = (await OfficialWebhookExamples.SignAsync(SharedSecret)).Examples.First(e => e.Payload["organization"] is not null);
        var organizationId = example.Payload["organization"]!["id"]!.GetValue<long>();

        using var wrong = await PostAsync("/webhooks/github", example.Body, example.Signature, ("organization", organizationId + 1));
        using var right = await PostAsync("/webhooks/github", example.Body, example.Signature, ("organization", organizationId));

        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((int)right.StatusCode).ShouldBeOneOf([200, 202]);
    }

    private async Task ShouldBeStoredAsync(string forge, OfficialWebhookExamples.Example example)
    {
        var payload = example.Payload;
        var job = await Store.GetJobAsync(new JobKey(forge, payload["workflow_job"]!["id"]!.GetValue<long>()), Ct);
        job.ShouldNotBeNull(example.Name);
        job.Forge.ShouldBe(forge);
        job.Repository.ShouldBe(payload["repository"]!["full_name"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string signature, (string Type, long Id)? hook = null) =>
        PostAsync(path, Encoding.UTF8.GetBytes(body), signature, hook);

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string signature, (string Type, long Id)? hook = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "workflow_job");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature);
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        if (hook is { } target)
        {
            request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", target.Type);
            request.Headers.Add("X-GitHub-Hook-Installation-Target-ID", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return await _http.SendAsync(request, Ct).WaitAsync(Timeout, Ct);
    }
}
