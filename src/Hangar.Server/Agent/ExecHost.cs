using Hangar.Configuration;
using Hangar.Engine;
using Hangar.Server.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Agent;

/// <summary>
/// What <c>hangar exec</c> runs against a configuration without a server: the configured store and providers, the
/// instance tokens, and the agent endpoint on a loopback port of its own (HTTP/2 without TLS: agents dial it with
/// prior knowledge). No engine loops run: exec makes and destroys its one machine itself.
/// </summary>
public static class ExecHost
{
    /// <exception cref="SecretNotFoundException">A configured secret is nowhere to be found.</exception>
    public static WebApplication Create(HangarConfig config, string listenAddress = "127.0.0.1", TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dataDir = Path.GetFullPath(config.Server.DataDir);
        Directory.CreateDirectory(dataDir);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = dataDir });
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Parse(listenAddress), 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        var services = builder.Services;
        services.TryAddSingleton(time ?? TimeProvider.System);
        services.AddHangarStore(config.Store, dataDir, new Dictionary<string, string>());
        services.AddHangarProviders(config.Providers.Values, config.Engine.Pools);
        services.AddHangarControllerIdentity(config.Engine);
        services.AddHangarAgentEndpoint();
        services.TryAddSingleton<InstanceTokens>();
        services.TryAddSingleton<ExecRunner>();
        services.TryAddSingleton(config);
        var app = builder.Build();
        app.MapGrpcService<AgentGrpcService>();
        var address = app.Services.GetRequiredService<AgentEndpointAddress>();
        app.Lifetime.ApplicationStarted.Register(() => address.Set(new Uri(HangarHost.ListeningUrls(app)[0])));
        return app;
    }

    /// <summary>Runs one task on a fresh instance of <paramref name="pool"/> with a started <see cref="Create"/> app.</summary>
    /// <exception cref="ExecProtocolException">The agent never connected, went away, or sent a bad archive.</exception>
    public static Task<ExecOutcome> RunAsync(WebApplication app, string pool, ExecRequest request, IExecSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<ExecRunner>().RunAsync(pool, request, sink, cancellationToken);
    }
}
