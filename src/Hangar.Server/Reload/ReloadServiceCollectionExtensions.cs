using Hangar.Configuration;
using Hangar.Engine;
using Hangar.Server.Dashboard;
using Hangar.Server.Reload;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ReloadServiceCollectionExtensions
{
    /// <summary>Watches <paramref name="path"/> (and SIGHUP) and applies a changed file live (<see cref="ConfigReload"/>).</summary>
    public static IServiceCollection AddHangarConfigReload(this IServiceCollection services, HangarConfig started, string path)
    {
        services.TryAddSingleton(sp => new ReloadMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ConfigReload(
            path,
            started,
            sp.GetRequiredService<PoolCatalog>(),
            sp.GetRequiredService<DashboardWarnings>(),
            sp.GetRequiredService<ReloadMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConfigReload>>()));
        services.AddSingleton<IHostedService>(sp => new ConfigReloader(sp.GetRequiredService<ConfigReload>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
