using Hangar.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.Process;

public static class ProcessProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers one process provider, an <see cref="IProvider"/> named <see cref="ProcessProviderOptions.Name"/>, made
    /// with the container's logger and <see cref="TimeProvider"/>. The options come from the container because the
    /// controller id in them is only known once the host runs (it may be kept in the store). Call once per configured
    /// provider; added rather than <c>TryAddEnumerable</c>'d, which would keep only one provider per implementation type.
    /// </summary>
    public static IServiceCollection AddHangarProcessProvider(this IServiceCollection services, Func<IServiceProvider, ProcessProviderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IProvider>(sp =>
        {
            var resolved = options(sp);
            // A runner recorded without a controller id would look like every installation's; refuse it up front.
            ArgumentException.ThrowIfNullOrWhiteSpace(resolved.ControllerId, "options.ControllerId");
            return new ProcessProvider(resolved, sp.GetRequiredService<ILogger<ProcessProvider>>(), sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
