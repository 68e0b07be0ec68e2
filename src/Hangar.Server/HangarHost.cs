using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine;
using Hangar.Configuration;
using Hangar.Forges.GitHub;
using Hangar.Server.Api;
using Hangar.Server.Composition;
using Hangar.Server.Health;
using Hangar.Server.Webhooks;
using Hangar.Store.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Hangar.Server;

/// <summary>Composes the Hangar server from a validated configuration. The only place that knows every implementation.</summary>
public static class HangarHost
{
    public static async Task<WebApplication> CreateAsync(HangarConfig config, HangarHostOptions? hostOptions = null, CancellationToken cancellationToken = default)
    {
        hostOptions ??= new HangarHostOptions();
        var dataDir = Path.GetFullPath(config.Server.DataDir);
        Directory.CreateDirectory(dataDir);

        var secrets = hostOptions.SecretOverrides;
        var storePath = config.Store.Path ?? Path.Combine(dataDir, "hangar.db");
        if (config.Store.Type != "sqlite")
        {
            throw new InvalidOperationException($"store type '{config.Store.Type}' is not supported yet; use sqlite");
        }

        var store = new SqliteStore(new SqliteStoreOptions { Path = storePath });
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var controllerId = config.Server.ControllerId
            ?? await store.GetOrAddSettingAsync("controller_id", "hangar-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = dataDir });
        builder.WebHost.UseUrls(hostOptions.Listen ?? config.Server.Listen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(config.Server.WebhookMaxBodyBytes * 2, 64 * 1024));
        ConfigureLogging(builder.Logging, hostOptions);

        var services = builder.Services;
        if (hostOptions.TimeProvider is { } time)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton<IStore>(store);
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });

        var webhookForges = services.AddForges(config, secrets);
        services.AddSingleton(new WebhookSettings(webhookForges, config.Server.WebhookMaxBodyBytes));
        services.AddSingleton(new ApiTokens(config.Server.ApiTokens.Select(t => SecretResolver.Resolve(t, secrets))));

        foreach (var provider in config.Providers.Values)
        {
            services.AddSingleton<IProvider>(sp => ProviderFactory.Create(provider, controllerId, dataDir, sp.GetRequiredService<ILoggerFactory>()));
        }

        services.AddHangarEngine(new EngineOptions
        {
            ControllerId = controllerId,
            Pools = config.Pools,
            ConvergeInterval = config.Server.ConvergeInterval,
            ObserveInterval = config.Server.ObserveInterval,
            Loops = config.Server.Loops,
            DeliveryRetention = config.Server.DeliveryRetention,
            ProviderConcurrency = config.Providers.Values.ToDictionary(p => p.Name, p => p.MaxConcurrency),
        });

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Hangar.*")
            .AddPrometheusExporter());

        hostOptions.ConfigureServices?.Invoke(services);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealth();
        app.MapGitHubWebhooks();
        app.MapHangarApi();
        // Metrics carry no secrets and Prometheus scrapers rarely hold tokens; bind Hangar to a private address.
        app.MapPrometheusScrapingEndpoint("/metrics");

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hangar.Server");
        if (app.Services.GetRequiredService<ApiTokens>().IsEmpty)
        {
            ServerLog.NoApiTokens(logger);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
            ServerLog.Started(logger, string.Join(",", ListeningUrls(app)), controllerId, storePath, config.Pools.Count));
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 resolved).</summary>
    public static IReadOnlyList<string> ListeningUrls(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    public static string ControllerId(WebApplication app) => app.Services.GetRequiredService<EngineOptions>().ControllerId;

    private static void ConfigureLogging(ILoggingBuilder logging, HangarHostOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.MinimumLogLevel);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Extensions.Http", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        if (options.LogFormat == "json")
        {
            logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        }
        else if (options.LogFormat != "none")
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
                o.IncludeScopes = false;
            });
        }
    }
}
