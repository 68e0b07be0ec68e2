using Hangar.Configuration;
using Hangar.Core.Demand;
using Hangar.Server.RabbitMq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Composition;

/// <summary>The RabbitMQ intake: a gateway's publishing sink, or serve's consumer, with the queue-depth metrics and the
/// dead-letter queue both share.</summary>
internal static class RabbitMqComposition
{
    /// <summary>What serve adds when <c>intake.rabbitmq</c> is configured: the consumer (unless <c>consume: false</c>),
    /// queue depths and dead letters. Returns the broker's description for logs, or null when not configured.</summary>
    /// <exception cref="SecretNotFoundException">The broker URL's secret is nowhere to be found.</exception>
    public static string? AddHangarRabbitMqConsumer(this IServiceCollection services, IntakeConfig intake, IReadOnlyDictionary<string, string> secrets)
    {
        if (intake.RabbitMq is not { } config)
        {
            return null;
        }

        var settings = AddShared(services, RabbitMqSettings.From(config, secrets, "hangar-serve"), "consumer");
        if (settings.Consume)
        {
            services.AddHostedService<IntakeConsumer>();
        }

        return settings.Describe();
    }

    /// <summary>What <c>hangar gateway</c> composes: verified job events go to the queue instead of a store.</summary>
    /// <exception cref="SecretNotFoundException">The broker URL's secret is nowhere to be found.</exception>
    public static RabbitMqSettings AddHangarRabbitMqGateway(this IServiceCollection services, RabbitMqIntakeConfig config, IReadOnlyDictionary<string, string> secrets)
    {
        var settings = AddShared(services, RabbitMqSettings.From(config, secrets, "hangar-gateway"), "gateway");
        services.AddSingleton<IJobEventSink, GatewaySink>();
        services.AddExceptionHandler<IntakeUnavailableHandler>();
        return settings;
    }

    private static RabbitMqSettings AddShared(IServiceCollection services, RabbitMqSettings settings, string role)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton(sp => new IntakeBroker(settings, role, sp.GetRequiredService<ILogger<IntakeBroker>>()));
        services.AddSingleton<ConfirmingPublisher>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<IntakeMetrics>();
        services.AddSingleton<IntakeQueueStats>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IntakeQueueStats>());
        return settings;
    }
}
