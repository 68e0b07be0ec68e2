using Hangar.Configuration;
using Hangar.Engine;
using Hangar.Server.Agent;
using Hangar.Server.Api;
using Hangar.Server.Api.Access;
using Hangar.Server.Composition;
using Hangar.Server.Dashboard;
using Hangar.Server.Health;
using Hangar.Server.Instances;
using Hangar.Server.OpenApi;
using Hangar.Server.Tls;
using Hangar.Server.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server;

/// <summary>
/// Composes the Hangar server from a validated configuration: the only place that picks implementations. Each project
/// registers its own services (<c>AddHangarXxx</c>); the store, providers and controller id are made by the container
/// when the app starts, and the store is migrated before anything else starts.
/// </summary>
public static class HangarHost
{
    /// <exception cref="SecretNotFoundException">A configured secret is nowhere to be found.</exception>
    /// <exception cref="InvalidOperationException">The configuration asks for something this build cannot do.</exception>
    /// <summary>The host's default configuration files are read once, not watched (see <see cref="Create"/>).</summary>
    internal const string NoConfigWatch = "--hostBuilder:reloadConfigOnChange=false";

    public static WebApplication Create(HangarConfig config, HangarHostOptions? hostOptions = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        hostOptions ??= new HangarHostOptions();
        var dataDir = Path.GetFullPath(config.Server.DataDir);
        Directory.CreateDirectory(dataDir);

        // The content root is the data directory, where SQLite writes its WAL: watching it for appsettings.json (which
        // Hangar does not use) made every committed write an inotify event for a watcher thread to handle.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = dataDir, Args = [NoConfigWatch] });
        builder.WebHost.UseUrls(hostOptions.Listen ?? config.Server.Listen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(config.Server.WebhookMaxBodyBytes * 2, 64 * 1024));
        if (config.Server.Tls is { } tls)
        {
            // The slim builder leaves https out unless asked for.
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.Services.AddSingleton(sp => new ServerCertificate(tls, sp.GetRequiredService<ILogger<ServerCertificate>>()));
            builder.WebHost.ConfigureKestrel((context, k) =>
            {
                var certificate = k.ApplicationServices.GetRequiredService<ServerCertificate>();
                certificate.LoadOrThrow();
                k.ConfigureHttpsDefaults(https => https.ServerCertificateSelector = (_, _) => certificate.Current);
            });
        }

        HangarHostLogging.Configure(builder.Logging, hostOptions);

        var services = builder.Services;
        if (hostOptions.TimeProvider is { } time)
        {
            services.AddSingleton(time);
        }

        var secrets = hostOptions.SecretOverrides;
        services.AddHangarConfiguration(config);
        var store = services.AddHangarStore(config.Store, dataDir, secrets);
        var webhookForges = services.AddHangarForges(config.Forges.Values, secrets);
        services.AddHangarProviders(config.Providers.Values, config.Engine.Pools);
        // Exec-only pools make no runners: the engine never sees them, so their leftover machines (a killed exec's) are
        // those of a pool it does not know, destroyed as such.
        var engine = config.Engine with { Pools = [.. config.Engine.Pools.Where(p => !p.ExecOnly)] };
        services.AddHangarControllerIdentity(engine);
        services.AddHangarEngine(engine);
        services.AddHangarServer(config.Server, webhookForges, secrets);
        services.AddHangarDashboard();
        services.AddHangarOpenApi();
        services.AddHangarRabbitMqConsumer(config.Intake, secrets);
        services.AddHangarTracing(config.Telemetry, secrets, "serve");
        services.AddHangarAgentEndpoint(config.Server.Agent);
        if (hostOptions.ConfigPath is { } configPath)
        {
            services.AddHangarConfigReload(config, configPath);
        }

        hostOptions.ConfigureServices?.Invoke(services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiAccessMiddleware>();
        app.MapHealth();
        app.MapWebhooks();
        app.MapHangarApi();
        app.MapInstanceEndpoints();
        app.MapDashboard();
        app.MapHangarOpenApi();
        // Metrics carry no secrets and Prometheus scrapers rarely hold tokens; bind Hangar to a private address.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowWithoutApiToken("metrics: no secrets, scraped without tokens");

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hangar.Server");
        if (app.Services.GetRequiredService<ConfiguredApiTokens>().IsEmpty)
        {
            ServerLog.NoApiTokens(logger);
        }

        StoreComposition.WarnAboutHostLocalProviders(config.Store, config.Providers.Values, config.Engine.Pools, logger);

        app.Lifetime.ApplicationStarted.Register(() =>
            ServerLog.Started(logger, string.Join(",", ListeningUrls(app)), ControllerId(app), store, config.Engine.Pools.Count));
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 resolved).</summary>
    public static IReadOnlyList<string> ListeningUrls(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    public static string ControllerId(WebApplication app) => app.Services.GetRequiredService<EngineOptions>().ControllerId;
}
