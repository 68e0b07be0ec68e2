using Hangar.Core.Demand;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Hangar.Engine.Demand;

internal static class DemandServiceCollectionExtensions
{
    /// <summary>The engine's own pull sources: the job-queue poller of polled forges (Forgejo), the forge feature probe
    /// at start, and the queued-jobs sweep unless <c>sweep_queued_runs</c> is off.</summary>
    public static IServiceCollection AddEngineDemandSources(this IServiceCollection services, EngineOptions options)
    {
        services.AddDemandSource<ForgeJobQueuePoller>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ForgeFeatureProbes>());
        return options.Loops.SweepQueuedRuns ? services.AddDemandSource<QueuedJobsSweep>() : services;
    }

    /// <summary>
    /// A pull source as a singleton (also listed as an <see cref="IDemandSource"/>) run by its own
    /// <see cref="DemandSourceHost"/>, so a slow or failing source never holds up another. Adding one twice is harmless.
    /// </summary>
    public static IServiceCollection AddDemandSource<TSource>(this IServiceCollection services)
        where TSource : class, IDemandSource
    {
        if (services.Any(d => d.ServiceType == typeof(TSource)))
        {
            return services;
        }

        services.AddSingleton<TSource>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDemandSource, TSource>(sp => sp.GetRequiredService<TSource>()));
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<DemandSourceHost>(sp, sp.GetRequiredService<TSource>()));
        return services;
    }
}
