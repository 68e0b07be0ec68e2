using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hangar.Server.Dashboard;

internal static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddHangarDashboard(this IServiceCollection services)
    {
        services.TryAddSingleton<DashboardSessions>();
        services.TryAddSingleton<DashboardWarnings>();
        services.TryAddSingleton<DashboardSnapshotBuilder>();
        services.TryAddSingleton<DashboardFeed>();
        return services;
    }
}
