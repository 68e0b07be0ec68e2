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
    /// Intake, provisioner and the named reconciler loops (converge, reaper, runner-status, store-ghosts,
    /// provider-orphans, forge-orphans, stale-jobs, create-retry). Needs an <c>IStore</c>, the <c>IForge</c>s and <c>IProvider</c>s registered
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
        services.TryAddSingleton<RunnerStatusPass>();
        services.TryAddSingleton<StoreGhostsPass>();
        services.TryAddSingleton<ProviderOrphansPass>();
        services.TryAddSingleton<ForgeOrphansPass>();
        services.TryAddSingleton<StaleJobsPass>();
        services.TryAddSingleton<ReaperPass>();
        services.TryAddSingleton<CreateRetryPass>();
        services.TryAddSingleton<JobIntake>();
        services.TryAddSingleton<IJobEventSink>(sp => sp.GetRequiredService<JobIntake>());
        services.AddHostedService<StartupRecovery>();
        AddLoop<ConvergeLoop>(services);
        AddLoop<ReaperLoop>(services);
        AddLoop<RunnerStatusLoop>(services);
        AddLoop<StoreGhostsLoop>(services);
        AddLoop<ProviderOrphansLoop>(services);
        AddLoop<ForgeOrphansLoop>(services);
        AddLoop<StaleJobsLoop>(services);
        AddLoop<CreateRetryLoop>(services);
        return services;
    }

    /// <summary>One singleton per loop (so health and tests can read its passes) that is also a hosted service.</summary>
    private static void AddLoop<TLoop>(IServiceCollection services)
        where TLoop : LoopBase
    {
        services.AddSingleton<TLoop>();
        services.AddSingleton<LoopBase>(sp => sp.GetRequiredService<TLoop>());
        services.AddHostedService(sp => sp.GetRequiredService<TLoop>());
    }
}
