using System.Net.Http.Headers;
using System.Text;
using Hangar.Configuration;
using Hangar.Core.Access;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Engine.Reconcile;
using Hangar.Forges.GitHub;
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
    /// <summary>An <c>admin</c> token from the configuration file.</summary>
    public const string ApiToken = "api-token-for-tests";

    /// <summary>A token from the configuration file written without <c>scope:</c>, so <c>read</c>.</summary>
    public const string ReadToken = "read-token-for-tests";

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

    /// <param name="moreForges">Forges besides <c>github</c> and <c>unsigned</c>; their secret references resolve to <see cref="Secret"/>.</param>
    /// <param name="configureServices">Changes to the host's services (e.g. another webhook reader).</param>
    /// <param name="configure">Changes to the configuration (e.g. pools, which need no provider when pressure-only).</param>
    /// <param name="moreSecrets">Secrets besides the fixture's own, by name (e.g. a PostgreSQL connection string).</param>
    public static async Task<ServerFixture> StartAsync(
        long maxBodyBytes = 1024 * 1024, IReadOnlyList<ForgeConfig>? moreForges = null, Action<IServiceCollection>? configureServices = null,
        Func<HangarConfig, HangarConfig>? configure = null, IReadOnlyDictionary<string, string>? moreSecrets = null,
        bool engineAtRest = false)
    {
        var dataDir = Directory.CreateTempSubdirectory("hangar-server-test-");
        var config = new HangarConfig
        {
            Server = new ServerConfig
            {
                DataDir = dataDir.FullName,
                WebhookMaxBodyBytes = maxBodyBytes,
                ApiTokens = [new ApiTokenConfig(new SecretRef("api"), ApiScope.Admin), new SecretRef("api-read")],
            },
            Engine = new EngineOptions { ControllerId = "test-" + Guid.NewGuid().ToString("N")[..8] },
            Forges = new Dictionary<string, ForgeConfig>
            {
                ["github"] = new() { GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = "http://127.0.0.1:9/" }, Token = new SecretRef("gh-token"), WebhookSecret = new SecretRef("gh-secret") },
                ["unsigned"] = new() { GitHub = new GitHubForgeOptions { Name = "unsigned", ApiUrl = "http://127.0.0.1:9/" }, Token = new SecretRef("gh-token") },
            },
        };
        config = config with { Forges = config.Forges.Concat((moreForges ?? []).Select(f => KeyValuePair.Create(f.Name, f))).ToDictionary() };
        config = configure?.Invoke(config) ?? config;
        if (engineAtRest)
        {
            config = config with { Engine = config.Engine with { ConvergeInterval = TimeSpan.FromHours(1), ObserveInterval = TimeSpan.FromHours(1) } };
        }

        var app = HangarHost.Create(config, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["api"] = ApiToken, ["api-read"] = ReadToken, ["gh-token"] = "ghp_test", ["gh-secret"] = Secret }
                .Concat(moreSecrets ?? new Dictionary<string, string>()).ToDictionary(),
            ConfigureServices = configureServices,
        });
        await app.StartAsync();
        if (engineAtRest)
        {
            await FirstConvergeAsync(app.Services.GetRequiredService<ReconcileLoops>());
        }

        return new ServerFixture(app, dataDir);
    }

    // engineAtRest: for tests that write rows the engine would act on (instances of a provider it does not know are
    // settled as forgotten by converge). Converge runs once at start and then every interval; under load a pass landed
    // mid-test in CI and deleted a row the test then read. The first pass is waited for and the next is an hour away.
    private static async Task FirstConvergeAsync(ReconcileLoops loops)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (loops.Passes(LoopNames.Converge) < 1)
        {
            await Task.Delay(20, deadline.Token);
        }
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
