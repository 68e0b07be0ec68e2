using System.Runtime.Versioning;
using Hangar.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Tart;

public static class TartProviderServiceCollectionExtensions
{
    /// <summary>Registers one Tart provider, an <see cref="IProvider"/> named <see cref="TartProviderOptions.Name"/>;
    /// the options come from the container because the controller id is only known once the host runs.</summary>
    [SupportedOSPlatform("linux")]
    [SupportedOSPlatform("macos")]
    public static IServiceCollection AddHangarTartProvider(this IServiceCollection services, Func<IServiceProvider, TartProviderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IProvider>(sp => new TartProvider(
            options(sp),
            sp.GetRequiredService<ILogger<TartProvider>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
