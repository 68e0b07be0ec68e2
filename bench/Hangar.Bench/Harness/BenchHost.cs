using Hangar.Configuration;
using Hangar.Core.Pools;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Bench.Harness;

/// <summary>The real Hangar host, composed by <see cref="HangarHost"/> as <c>hangar serve</c> does, on a loopback port.</summary>
internal static class BenchHost
{
    public const string Secret = "bench-webhook-secret";
    public const string Token = "bench-forge-token";
    public const string Repository = "acme/app";

    public static readonly string[] PoolLabels = ["linux", "x64"];

    public static PoolSpec Pool(string name, string provider, int maxRunners, string[]? labels = null) => new()
    {
        Name = name,
        Forge = "github",
        Target = ForgeTarget.Repository(Repository),
        Labels = labels ?? PoolLabels,
        Provider = provider,
        MaxRunners = maxRunners,
        BootTimeout = TimeSpan.FromHours(1),
        IdleGrace = TimeSpan.FromHours(1),
    };

    public static WebApplication Create(
        string dataDir,
        IReadOnlyList<PoolSpec> pools,
        Action<IServiceCollection> configure,
        Uri? forgeApi = null,
        string? controllerId = null,
        TimeSpan? interval = null,
        (StoreConfig Store, string Secret)? store = null)
    {
        var config = new HangarConfig
        {
            Server = new ServerConfig { DataDir = dataDir },
            Store = store?.Store ?? new StoreConfig(),
            Engine = new EngineOptions
            {
                ControllerId = controllerId ?? "bench-" + Guid.NewGuid().ToString("N")[..8],
                ConvergeInterval = interval ?? TimeSpan.FromSeconds(10),
                ObserveInterval = interval ?? TimeSpan.FromSeconds(10),
                Pools = pools,
            },
            Forges = new Dictionary<string, ForgeConfig>
            {
                ["github"] = new()
                {
                    GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = forgeApi?.ToString() ?? "http://127.0.0.1:9/" },
                    Token = new SecretRef("token"),
                    WebhookSecret = new SecretRef("secret"),
                },
            },
        };
        return HangarHost.Create(config, new HangarHostOptions
        {
            Listen = "http://127.0.0.1:0",
            LogFormat = "none",
            MinimumLogLevel = LogLevel.Warning,
            SecretOverrides = new Dictionary<string, string> { ["token"] = Token, ["secret"] = Secret, [BenchPostgres.SecretName] = store?.Secret ?? "" },
            ConfigureServices = configure,
        });
    }

    /// <summary>Removes the converge and observe loops (registered as factory-made hosted services), leaving intake alone.</summary>
    public static void RemoveLoops(IServiceCollection services)
    {
        var loops = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null).ToList();
        foreach (var loop in loops)
        {
            services.Remove(loop);
        }

    }

    public static string Url(WebApplication app) => HangarHost.ListeningUrls(app)[0];
}
