using System.Net.Http.Headers;
using System.Text;
using Hangar.Core.Storage;
using Hangar.Engine.Configuration;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Testing;

/// <summary>The real server on a loopback port with a throw-away SQLite store and no pools (nothing gets provisioned).</summary>
public sealed class ServerFixture : IAsyncDisposable
{
    public const string Secret = "webhook-secret-for-tests";
    public const string ApiToken = "api-token-for-tests";

    private readonly DirectoryInfo _dataDir;

    private ServerFixture(WebApplication app, DirectoryInfo dataDir)
    {
        App = app;
        _dataDir = dataDir;
        BaseUrl = new Uri(HangarHost.ListeningUrls(app)[0]);
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public IStore Store => App.Services.GetRequiredService<IStore>();

    public static async Task<ServerFixture> StartAsync(long maxBodyBytes = 1024 * 1024)
    {
        var dataDir = Directory.CreateTempSubdirectory("hangar-server-test-");
        var config = new HangarConfig
        {
            Server = new ServerConfig
            {
                DataDir = dataDir.FullName,
                ControllerId = "test-" + Guid.NewGuid().ToString("N")[..8],
                WebhookMaxBodyBytes = maxBodyBytes,
                ApiTokens = [new SecretRef("api")],
            },
            Forges = new Dictionary<string, ForgeConfig>
            {
                ["github"] = new() { Name = "github", ApiUrl = "http://127.0.0.1:9/", Token = new SecretRef("gh-token"), WebhookSecret = new SecretRef("gh-secret") },
                ["unsigned"] = new() { Name = "unsigned", ApiUrl = "http://127.0.0.1:9/", Token = new SecretRef("gh-token") },
            },
        };
        var app = await HangarHost.CreateAsync(config, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["api"] = ApiToken, ["gh-token"] = "ghp_test", ["gh-secret"] = Secret },
        });
        await app.StartAsync();
        return new ServerFixture(app, dataDir);
    }

    /// <summary>Posts a webhook the way GitHub does; <paramref name="signWith"/> null sends no signature header.</summary>
    public Task<HttpResponseMessage> PostWebhookAsync(string body, string eventName = "workflow_job", string? delivery = null, string? signWith = Secret, string path = "/webhooks/github")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery ?? Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/test");
        if (signWith is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", GitHubWebhookSignature.Sign(bytes, Encoding.UTF8.GetBytes(signWith)));
        }

        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            _dataDir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
