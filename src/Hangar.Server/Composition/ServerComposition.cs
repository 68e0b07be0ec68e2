using System.Text.Json;
using System.Text.Json.Serialization;
using Hangar.Configuration;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Forges.Gitea.Webhooks;
using Hangar.Server.Api;
using Hangar.Server.Api.Access;
using Hangar.Server.Webhooks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace Hangar.Server.Composition;

/// <summary>What the HTTP side needs: API tokens and their scopes, the pressure stream, webhook limits, JSON and problem details, metrics.</summary>
internal static class ServerComposition
{
    /// <exception cref="SecretNotFoundException">An API token is nowhere to be found.</exception>
    public static IServiceCollection AddHangarServer(this IServiceCollection services, ServerConfig server, IEnumerable<WebhookForge> webhookForges, IReadOnlyDictionary<string, string> secrets)
    {
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddHangarWebhooks(webhookForges, server.WebhookMaxBodyBytes).AddGitHubWebhooks().AddGiteaWebhooks();
        services.TryAddSingleton(new ConfiguredApiTokens(server.ApiTokens.Select(t => (t.Secret.Name, SecretResolver.Resolve(t.Secret, secrets), t.Scope))));
        services.TryAddSingleton<ApiTokenAuthenticator>();
        services.TryAddSingleton(new PressureStreamSettings(server.PressureHeartbeat));
        services.TryAddSingleton<PressureStream>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Hangar.*")
            .AddPrometheusExporter());
        return services;
    }
}
