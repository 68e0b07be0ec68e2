using Hangar.Core.Demand;
using Hangar.Engine.Intake;
using Hangar.Engine.Provisioning;
using Hangar.Engine.Reconcile;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hangar.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Intake, provisioner and reconciler loops. Needs an <c>IStore</c>, the <c>IForge</c>s and <c>IProvider</c>s registered
    /// elsewhere. Startup recovery is registered first so it finishes before any loop starts.
    /// </summary>
    public static IServiceCollection AddHangarEngine(this IServiceCollection services, EngineOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.AddMetrics();
        services.TryAddSingleton<EngineMetrics>();
        services.TryAddSingleton<PoolCatalog>();
        services.TryAddSingleton<ProviderSet>();
        services.TryAddSingleton<ForgeSet>();
        services.TryAddSingleton<Transitions>();
        services.TryAddSingleton<Provisioner>();
        services.TryAddSingleton<ConvergeSignal>();
        services.TryAddSingleton<ConvergePass>();
        services.TryAddSingleton<ObservePass>();
        services.TryAddSingleton<JobIntake>();
        services.TryAddSingleton<IJobEventSink>(sp => sp.GetRequiredService<JobIntake>());
        services.AddHostedService<StartupRecovery>();
        services.AddSingleton<ConvergeLoop>();
        services.AddSingleton<ObserveLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<ConvergeLoop>());
        services.AddHostedService(sp => sp.GetRequiredService<ObserveLoop>());
        return services;
    }
}
