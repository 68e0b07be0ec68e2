using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Emulator.Gitea;

/// <summary>
/// A local Gitea 1.25, Forgejo 15 or Forgejo 11 (<see cref="GiteaFlavor"/>): the REST subset Hangar uses, the runner
/// protocol the emulated runner speaks, and (Gitea) signed <c>workflow_job</c> webhooks. Give Hangar
/// <see cref="BaseUrl"/> as the forge's <c>base_url</c>.
/// </summary>
public sealed class GiteaEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GiteaWebhookSender _webhooks;

    private GiteaEmulatorHost(WebApplication app, GiteaWebhookSender webhooks, GiteaEmulatorState state, Uri baseUrl)
    {
        _app = app;
        _webhooks = webhooks;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>The web root (ends with '/'); the API is under <c>api/v1</c>.</summary>
    public Uri BaseUrl { get; }

    public GiteaEmulatorState State { get; }

    public static async Task<GiteaEmulatorHost> StartAsync(GiteaEmulatorOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Token);
        if (!Uri.TryCreate(options.Listen, UriKind.Absolute, out var listen) || listen.Scheme != Uri.UriSchemeHttp
            || !(listen.IsLoopback || (IPAddress.TryParse(listen.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))))
        {
            throw new ArgumentException("Listen must be an http URL on a loopback address", nameof(options));
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Hangar.Emulator.Gitea");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Listen);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        var state = new GiteaEmulatorState(options);
        GiteaRestEndpoints.Map(app, state);
        GiteaRunnerProtocolEndpoints.Map(app, state);
        var webhooks = new GiteaWebhookSender(state, logger);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await webhooks.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), "/");
        webhooks.Start();
        GiteaEmulatorLog.Listening(logger, options.Flavor, baseUrl);
        return new GiteaEmulatorHost(app, webhooks, state, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await _webhooks.DisposeAsync().ConfigureAwait(false);
    }
}
