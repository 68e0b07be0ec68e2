using Hangar.Configuration;
using Hangar.Core.Pools;
using Hangar.Engine;
using Hangar.Providers.Docker;
using Hangar.Providers.External;
using Hangar.Providers.Libvirt;
using Hangar.Providers.Process;
using Hangar.Providers.Tart;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Composition;

/// <summary>Registers each configured provider by its type, stamped with the installation's controller id.</summary>
internal static class ProviderComposition
{
    public static IServiceCollection AddHangarProviders(this IServiceCollection services, IEnumerable<ProviderConfig> providers, IReadOnlyList<PoolSpec> pools)
    {
        foreach (var provider in providers)
        {
            _ = provider switch
            {
                { Docker: { } docker } => services.AddHangarDockerProvider(sp => docker with { ControllerId = ControllerIdOf(sp) }),
                { Process: { } process } => services.AddHangarProcessProvider(sp => process with { ControllerId = ControllerIdOf(sp) }),
                { External: { } external } => services.AddHangarExternalProvider(
                    sp => external with { ControllerId = ControllerIdOf(sp) },
                    [.. pools.Where(p => p.Provider == external.Name).Select(p => p.Name)],
                    sp => () => ListenAddressOf(sp)),
                { Libvirt: { } libvirt } when OperatingSystem.IsLinux() => services.AddHangarLibvirtProvider(sp => libvirt with { ControllerId = ControllerIdOf(sp) }),
                { Tart: { } tart } when OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() => services.AddHangarTartProvider(sp => tart with { ControllerId = ControllerIdOf(sp) }),
                _ => throw new InvalidOperationException($"provider {provider.Name}: unknown type '{provider.Type}'"),
            };
        }

        return services;
    }

    // Asked at each create, when Kestrel has bound (the provider is made before it does).
    private static Uri? ListenAddressOf(IServiceProvider services) =>
        services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address ? new Uri(address) : null;

    // The engine's options carry the id the host settled on (ControllerIdentity), configured or kept in the store.
    private static string ControllerIdOf(IServiceProvider services) => services.GetRequiredService<EngineOptions>().ControllerId;
}
