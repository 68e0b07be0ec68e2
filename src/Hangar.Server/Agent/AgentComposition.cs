using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        return services;
    }
}
