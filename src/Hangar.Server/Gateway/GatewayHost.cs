using Hangar.Configuration;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Server.Composition;
using Hangar.Server.RabbitMq;
using Hangar.Server.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Hangar.Server.Gateway;

/// <summary>
/// <c>hangar gateway</c>: a stateless edge. The same webhook endpoint and readers as <c>serve</c> (signature first;
/// nothing unsigned goes further), but an accepted job event is published to the intake queue with a publisher confirm
/// instead of stored, and answered 202 only after the confirm (503 when the broker does not take it). It holds no
/// store, no engine and no forge credential, only webhook secrets and the broker URL, so any number run side by side.
/// </summary>
public static class GatewayHost
{
    /// <exception cref="SecretNotFoundException">A webhook secret or the broker URL is nowhere to be found.</exception>
    /// <exception cref="InvalidOperationException">The configuration has no <c>intake.rabbitmq</c>, or its URL is not amqp.</exception>
    public static WebApplication Create(HangarConfig config, HangarHostOptions? hostOptions = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        hostOptions ??= new HangarHostOptions();
        var rabbit = config.Intake.RabbitMq
            ?? throw new InvalidOperationException("hangar gateway needs intake.rabbitmq in the configuration (the queue it publishes to)");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(hostOptions.Listen ?? config.Server.Listen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(config.Server.WebhookMaxBodyBytes * 2, 64 * 1024));
        HangarHostLogging.Configure(builder.Logging, hostOptions);

        var services = builder.Services;
        if (hostOptions.TimeProvider is { } time)
        {
            services.AddSingleton(time);
        }

        var secrets = hostOptions.SecretOverrides;
        var forges = config.Forges.Values.Select(f => ForgeComposition.WebhookForgeOf(f, secrets)).ToList();
        services.AddProblemDetails();
        services.AddHangarWebhooks(forges, config.Server.WebhookMaxBodyBytes).AddGitHubWebhooks();
        var settings = services.AddHangarRabbitMqGateway(rabbit, secrets);
        services.AddHangarTracing(config.Telemetry, secrets, "gateway");
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("Hangar.*").AddPrometheusExporter());
        hostOptions.ConfigureServices?.Invoke(services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        // Ready when the broker connection is up: a load balancer then sends deliveries to a gateway that can take them.
        app.MapGet("/readyz", (IntakeBroker broker) => broker.IsOpen
            ? Results.Text("ready")
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Intake queue unavailable", detail: "not connected to the broker"));
        app.MapWebhooks();
        app.MapPrometheusScrapingEndpoint("/metrics");

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hangar.Gateway");
        app.Lifetime.ApplicationStarted.Register(() =>
            RabbitMqLog.GatewayStarted(logger, string.Join(",", HangarHost.ListeningUrls(app)), settings.Describe(), forges.Count));
        return app;
    }
}
