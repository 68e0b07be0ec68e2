using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hangar.Configuration;

public static class ConfigurationServiceCollectionExtensions
{
    /// <summary>
    /// Registers a validated configuration (from <see cref="ConfigLoader"/>) and its server and store sections as
    /// singletons. <c>TryAdd</c>, so a test or host that registered its own first keeps it.
    /// </summary>
    public static IServiceCollection AddHangarConfiguration(this IServiceCollection services, HangarConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton(config);
        services.TryAddSingleton(config.Server);
        services.TryAddSingleton(config.Store);
        return services;
    }
}
