using Hangar.Core.Demand;
using Hangar.Core.Providers;
using Hangar.Core.Leases;
using Hangar.Engine;
using Hangar.Engine.Actuation;
using Hangar.Engine.Demand;
using Hangar.Engine.Intake;
using Hangar.Engine.Leases;
using Hangar.Engine.Reconcile;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// In the DI namespace, as ASP.NET Core and YARP do: the composition is the one type that sees every engine folder, and
// outside them it cannot close a cycle between them (the architecture tests forbid cycles among Hangar.Engine.*).
namespace Microsoft.Extensions.DependencyInjection;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Intake, the actuator, one hosted loop per reconcile pass (converge, reaper, runner-status, store-ghosts,
    /// provider-orphans, forge-orphans, stale-jobs, create-retry, delivery-prune, retention) and the engine's demand sources. Needs an <c>IStore</c>, the
    /// <c>IForge</c>s and <c>IProvider</c>s registered elsewhere. Startup recovery is registered first so it finishes
    /// before any loop starts.
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
        services.TryAddSingleton<ConvergeSignal>();
        services.TryAddSingleton(sp => new OperatorRequests(
            sp.GetRequiredService<Hangar.Core.Storage.IStore>(), sp.GetRequiredService<PoolCatalog>(), sp.GetRequiredService<ConvergeSignal>(),
            sp.GetService<Hangar.Core.Storage.IOperatorRequestChanges>()));
        services.TryAddSingleton<InstanceTokens>();
        services.TryAddSingleton<AgentEndpointAddress>();
        services.TryAddSingleton<InstanceSecrets>();
        services.TryAddSingleton<InstanceReports>();
        // Public (the API streams it) with an internal constructor: made here rather than by the container.
        services.TryAddSingleton(sp => new PressureBoard(sp.GetRequiredService<PoolCatalog>(), sp.GetRequiredService<Hangar.Core.Storage.IStore>(), sp.GetRequiredService<EngineMetrics>()));
        AddOwnership(services, options);
        AddActuator(services);
        services.TryAddSingleton<QueueTimes>();
        services.TryAddSingleton<ForecastFeed>();
        services.TryAddSingleton<JobIntake>();
        services.TryAddSingleton<IJobEventSink>(sp => sp.GetRequiredService<JobIntake>());
        services.TryAddSingleton(sp => new JobRecheck(
            sp.GetRequiredService<Hangar.Core.Storage.IStore>(), sp.GetRequiredService<ForgeSet>(), sp.GetRequiredService<IJobEventSink>(),
            sp.GetRequiredService<EngineOptions>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<PoolCatalog>()));
        services.AddHostedService<StartupRecovery>();
        services.AddHostedService<PoolTakeoverRecovery>();
        services.AddHostedService<StoreChangeWakeUp>();
        AddPass<ConvergePass>(services, nudged: true);
        AddPass<ReaperPass>(services);
        AddPass<RunnerStatusPass>(services);
        AddPass<StoreGhostsPass>(services);
        AddPass<ProviderOrphansPass>(services);
        AddPass<ForgeOrphansPass>(services);
        AddPass<StaleJobsPass>(services);
        AddPass<CreateRetryPass>(services);
        AddPass<DeliveryPrunePass>(services);
        AddPass<RetentionPass>(services);
        services.TryAddSingleton<RunnerGroupMetrics>();
        AddPass<RunnerGroupsPass>(services);
        services.TryAddSingleton(sp => new ReconcileLoops(sp.GetServices<ReconcileLoop>()));
        services.AddEngineDemandSources(options);
        return services;
    }

    /// <summary>
    /// Who owns which work. A store shared by several replicas registers an <see cref="ILeaseStore"/>: leases then decide
    /// (<see cref="LeaseManager"/>, registered before the loops so it stops after them and releases what it held).
    /// Otherwise this one replica owns everything (<see cref="SingleReplicaOwnership"/>).
    /// </summary>
    private static void AddOwnership(IServiceCollection services, EngineOptions options)
    {
        services.TryAddSingleton<LeaseMetrics>();
        services.TryAddSingleton<ILeaseOwnership>(sp => sp.GetService<ILeaseStore>() is { } leases
            ? new LeaseManager(
                leases, options.Leases, sp.GetRequiredService<PoolCatalog>(), sp.GetRequiredService<LeaseMetrics>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LeaseManager>>())
            : new SingleReplicaOwnership());
        services.AddSingleton<IHostedService>(sp => (IHostedService)sp.GetRequiredService<ILeaseOwnership>());
    }

    private static void AddActuator(IServiceCollection services)
    {
        services.TryAddSingleton<InFlightWork>();
        services.TryAddSingleton<RunnerGroupSettings>();
        services.TryAddSingleton<ProviderSlots>();
        // Public (the API shows its state) with an internal constructor: made here rather than by the container.
        services.TryAddSingleton(sp => new CreateBreaker(
            sp.GetRequiredService<PoolCatalog>(), sp.GetRequiredService<EngineOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<EngineMetrics>()));
        services.TryAddSingleton<RunnerCredentials>();
        services.TryAddSingleton<RunnerRetirement>();
        services.TryAddSingleton<HardCapKills>();
        services.TryAddSingleton<InstanceIntents>();
        services.TryAddSingleton<MachineAdoption>();
        services.TryAddSingleton<CreateRetry>();
        services.TryAddSingleton<InstanceCreation>();
        services.TryAddSingleton<StoppedMachineStart>();
        services.TryAddSingleton<BootTimeoutNotes>();
        services.TryAddSingleton<InstanceDestruction>();
        services.TryAddSingleton<RemovedProviderInstances>();
        services.TryAddSingleton<Actuator>();
    }

    /// <summary>
    /// The pass (a singleton, so tests can run it by hand) and its own loop, which is also a hosted service: one
    /// <see cref="BackgroundService"/> per pass, so a slow pass never delays another.
    /// </summary>
    private static void AddPass<TPass>(IServiceCollection services, bool nudged = false)
        where TPass : class, IReconcilePass
    {
        services.TryAddSingleton<TPass>();
        services.AddSingleton(sp => new ReconcileLoop(
            sp.GetRequiredService<TPass>(),
            nudged ? sp.GetRequiredService<ConvergeSignal>() : null,
            sp.GetRequiredService<ILeaseOwnership>(),
            sp.GetRequiredService<EngineMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReconcileLoop>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetServices<ReconcileLoop>().Single(l => l.Pass is TPass));
    }
}
