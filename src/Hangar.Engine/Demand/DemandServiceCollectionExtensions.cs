using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Hangar.Core.ScaleSets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Hangar.Engine.Demand;

internal static class DemandServiceCollectionExtensions
{
    /// <summary>
    /// The engine's own pull sources: the queued-jobs sweep unless <c>sweep_queued_runs</c> is off, and, when forges
    /// registered before the engine (as the host does) are polled (Forgejo) or probed (Gitea, Forgejo), the job-queue
    /// poller and the feature probe at start; and a listener per pool that is a runner scale set.
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

        return services.AddScaleSetListeners(options);
    }

    /// <summary>One listener per pool that is a scale set, each in its own <see cref="DemandSourceHost"/>, on the
    /// <see cref="IScaleSetService"/> of the pool's forge.</summary>
    public static IServiceCollection AddScaleSetListeners(this IServiceCollection services, EngineOptions options)
    {
        var pools = options.Pools.Where(p => p.ScaleSet is not null && p.Enabled).ToList();
        if (pools.Count == 0)
        {
            return services;
        }

        services.TryAddSingleton<ScaleSetMetrics>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ScaleSetMessageHandler>(sp, sp.GetRequiredService<ILoggerFactory>().CreateLogger<ScaleSetListener>()));
        foreach (var pool in pools)
        {
            services.AddSingleton<IHostedService>(sp =>
            {
                var service = sp.GetServices<IScaleSetService>().FirstOrDefault(s => string.Equals(s.Forge, pool.Forge, StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"pool {pool.Name} is a scale set, but forge {pool.Forge} has no scale-set service (is its mode scaleset?)");
                var listener = ActivatorUtilities.CreateInstance<ScaleSetListener>(
                    sp, pool, service, options.ScaleSets, sp.GetRequiredService<ILoggerFactory>().CreateLogger<ScaleSetListener>());
                return ActivatorUtilities.CreateInstance<DemandSourceHost>(sp, (IDemandSource)listener);
            });
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
