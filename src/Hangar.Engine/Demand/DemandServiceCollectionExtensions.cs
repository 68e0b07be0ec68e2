using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Hangar.Engine.Demand;

internal static class DemandServiceCollectionExtensions
{
    /// <summary>
    /// The engine's own pull sources: the queued-jobs sweep unless <c>sweep_queued_runs</c> is off, and, when forges
    /// registered before the engine (as the host does) are polled (Forgejo) or probed (Gitea, Forgejo), the job-queue
    /// poller and the feature probe at start.
    /// </summary>
    public static IServiceCollection AddEngineDemandSources(this IServiceCollection services, EngineOptions options)
    {
        if (options.Loops.SweepQueuedRuns)
        {
            services.AddDemandSource<QueuedJobsSweep>();
        }

        if (services.Any(d => d.ServiceType == typeof(IForgeJobQueue)))
        {
            services.AddDemandSource<ForgeJobQueuePoller>();
        }

        if (services.Any(d => d.ServiceType == typeof(IForgeFeatureProbe)))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ForgeFeatureProbes>());
        }

        return services;
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
