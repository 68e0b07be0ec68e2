using Hangar.Configuration;
using Hangar.Engine;
using Hangar.Providers.Docker;
using Hangar.Providers.Libvirt;
using Hangar.Providers.Process;
using Hangar.Providers.Tart;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Composition;

/// <summary>Registers each configured provider by its type, stamped with the installation's controller id.</summary>
internal static class ProviderComposition
{
    public static IServiceCollection AddHangarProviders(this IServiceCollection services, IEnumerable<ProviderConfig> providers)
    {
        foreach (var provider in providers)
        {
            _ = provider switch
            {
                { Docker: { } docker } => services.AddHangarDockerProvider(sp => docker with { ControllerId = ControllerIdOf(sp) }),
                { Process: { } process } => services.AddHangarProcessProvider(sp => process with { ControllerId = ControllerIdOf(sp) }),
                { Libvirt: { } libvirt } when OperatingSystem.IsLinux() => services.AddHangarLibvirtProvider(sp => libvirt with { ControllerId = ControllerIdOf(sp) }),
                { Tart: { } tart } when OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() => services.AddHangarTartProvider(sp => tart with { ControllerId = ControllerIdOf(sp) }),
                _ => throw new InvalidOperationException($"provider {provider.Name}: unknown type '{provider.Type}'"),
            };
        }

        return services;
    }

    // The engine's options carry the id the host settled on (ControllerIdentity), configured or kept in the store.
    private static string ControllerIdOf(IServiceProvider services) => services.GetRequiredService<EngineOptions>().ControllerId;
}
