using Hangar.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Docker;

public static class DockerProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers one Docker provider, an <see cref="IProvider"/> named <see cref="DockerProviderOptions.Name"/>, made
    /// with the container's logger and <see cref="TimeProvider"/>. The options come from the container because the
    /// controller id in them is only known once the host runs (it may be kept in the store). Call once per configured
    /// provider; added rather than <c>TryAddEnumerable</c>'d, which would keep only one provider per implementation type.
    /// </summary>
    public static IServiceCollection AddHangarDockerProvider(this IServiceCollection services, Func<IServiceProvider, DockerProviderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IProvider>(sp => new DockerProvider(
            options(sp),
            sp.GetRequiredService<ILogger<DockerProvider>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
