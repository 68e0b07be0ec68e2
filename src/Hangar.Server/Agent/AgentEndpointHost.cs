using System.Net;
using Hangar.Configuration;
using Hangar.Core.Storage;
using Hangar.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Agent;

/// <summary>
/// <c>serve</c>'s agent endpoint (<c>server.agent.listen</c>): a listener of its own speaking HTTP/2 without TLS (prior
/// knowledge, which the main listener cannot offer next to HTTP/1.1), sharing the server's store, instance tokens and
/// connected agents. It listens before any other hosted service starts, so the first create already knows the address
/// machines dial (<see cref="AgentEndpointAddress"/>).
/// </summary>
internal sealed class AgentEndpointHost(AgentEndpointConfig config, IServiceProvider server, AgentEndpointAddress address, ILogger<AgentEndpointHost> logger)
    : IHostedLifecycleService, IAsyncDisposable
{
    private WebApplication? app;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => Listen(k, config.Listen));
        builder.Logging.ClearProviders();
        var services = builder.Services;
        services.AddSingleton(server.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(server.GetRequiredService<TimeProvider>());
        services.AddSingleton(server.GetRequiredService<IStore>());
        services.AddSingleton(server.GetRequiredService<InstanceTokens>());
        services.AddSingleton(server.GetRequiredService<AgentConnections>());
        services.AddSingleton(server.GetRequiredService<BootLogSettings>());
        services.AddHangarAgentEndpoint();
        app = builder.Build();
        app.MapGrpcService<AgentGrpcService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = new Uri(HangarHost.ListeningUrls(app)[0]);
        var dial = config.Address ?? Dialable(bound);
        address.Set(dial);
        AgentLog.EndpointListening(logger, bound.ToString(), dial.ToString());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // After every other hosted service stopped: exec tasks and the engine's destroys may still talk to agents until then.
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Listen(KestrelServerOptions kestrel, Uri listen)
    {
        Action<ListenOptions> http2 = o => o.Protocols = HttpProtocols.Http2;
        if (listen.IsLoopback && !IPAddress.TryParse(listen.Host, out _))
        {
            kestrel.ListenLocalhost(listen.Port, http2);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(listen.Host.Trim('[', ']')), listen.Port, http2);
        }
    }

    // Bound to every address: machines on this host reach it on loopback; others need server.agent.address.
    private static Uri Dialable(Uri bound) =>
        bound.Host is "0.0.0.0" or "[::]" ? new UriBuilder(bound) { Host = "127.0.0.1" }.Uri : bound;
}
