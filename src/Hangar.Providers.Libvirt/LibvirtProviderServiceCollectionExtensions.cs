using System.Runtime.Versioning;
using Hangar.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Libvirt;

public static class LibvirtProviderServiceCollectionExtensions
{
    /// <summary>Registers one libvirt provider, an <see cref="IProvider"/> named <see cref="LibvirtProviderOptions.Name"/>;
    /// the options come from the container because the controller id is only known once the host runs.</summary>
    [SupportedOSPlatform("linux")]
    public static IServiceCollection AddHangarLibvirtProvider(this IServiceCollection services, Func<IServiceProvider, LibvirtProviderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IProvider>(sp => new LibvirtProvider(
            options(sp),
            sp.GetRequiredService<ILogger<LibvirtProvider>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
