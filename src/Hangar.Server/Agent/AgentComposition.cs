using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Hangar.Configuration;
using Hangar.Engine;

namespace Hangar.Server.Agent;

/// <summary>The agent's gRPC endpoint: the service, its token check, and the registry of connected agents.</summary>
internal static class AgentComposition
{
    public static IServiceCollection AddHangarAgentEndpoint(this IServiceCollection services)
    {
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<AgentTokenInterceptor>();
            // Chunks are 256 KiB; a message far above that is not one the protocol makes.
            o.MaxReceiveMessageSize = 4 * 1024 * 1024;
        });
        services.TryAddSingleton<AgentConnections>();
        services.TryAddSingleton(new BootLogSettings());
        services.TryAddSingleton<AgentEndpointAddress>();
        services.TryAddSingleton<ExecInstanceDestroyer>();
        services.TryAddSingleton<ExecLeftovers>();
        return services;
    }

    /// <summary><c>serve</c>'s agent endpoint on its own listener, when <c>server.agent</c> is configured.</summary>
    public static IServiceCollection AddHangarAgentEndpoint(this IServiceCollection services, AgentEndpointConfig? config)
    {
        services.TryAddSingleton<AgentConnections>();
        services.TryAddSingleton<AgentEndpointAddress>();
        services.TryAddSingleton(new BootLogSettings(config?.BootLogLines ?? 1000));
        services.TryAddSingleton<ExecInstanceDestroyer>();
        services.TryAddSingleton<ExecLeftovers>();
        services.TryAddSingleton<ExecRunner>();
        services.AddHostedService<ExecLeftoversService>();
        if (config is not null)
        {
            services.AddSingleton(config);
            services.AddSingleton<AgentEndpointHost>();
            services.AddHostedService(sp => sp.GetRequiredService<AgentEndpointHost>());
        }

        return services;
    }
}
