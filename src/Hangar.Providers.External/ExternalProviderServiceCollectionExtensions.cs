using Hangar.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.External;

public static class ExternalProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers one external (GARM) provider serving <paramref name="pools"/>, an <see cref="IProvider"/> named
    /// <see cref="ExternalProviderOptions.Name"/>. Its machines fetch their credentials from the <see cref="InstanceSecrets"/>
    /// the host's metadata endpoints read. Options come from the container (the controller id is known only once the host runs);
    /// <paramref name="listenAddress"/> gives Hangar's own address for a provider configured without a callback URL.
    /// </summary>
    public static IServiceCollection AddHangarExternalProvider(
        this IServiceCollection services,
        Func<IServiceProvider, ExternalProviderOptions> options,
        IReadOnlyList<string> pools,
        Func<IServiceProvider, Func<Uri?>>? listenAddress = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InstanceSecrets>();
        services.AddSingleton<IProvider>(sp =>
        {
            var resolved = options(sp);
            ArgumentException.ThrowIfNullOrWhiteSpace(resolved.ControllerId, "options.ControllerId");
            return new ExternalProvider(
                resolved,
                pools,
                sp.GetRequiredService<InstanceSecrets>(),
                sp.GetRequiredService<ILogger<ExternalProvider>>(),
                sp.GetRequiredService<TimeProvider>(),
                listenAddress: listenAddress?.Invoke(sp));
        });
        return services;
    }
}
