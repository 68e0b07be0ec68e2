using System.Net;
using Hangar.Emulator.ActionsService;
using Hangar.Emulator.Control;
using Hangar.Emulator.Rest;
using Hangar.Emulator.RunnerProtocol;
using Hangar.Emulator.State;
using Hangar.Emulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Emulator;

/// <summary>
/// A local GitHub: the REST subset Hangar uses, <c>workflow_job</c> webhooks, and a runner protocol for
/// <c>hangar-emulated-runner</c>. Hangar talks to it exactly as to GitHub, given <see cref="ApiUrl"/> as its API URL.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly WebhookDispatcher _webhooks;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private EmulatorHost(WebApplication app, WebhookDispatcher webhooks, CancellationTokenSource stopping, EmulatorState state, Uri apiUrl)
    {
        _app = app;
        _webhooks = webhooks;
        _stopping = stopping;
        State = state;
        ApiUrl = apiUrl;
    }

    /// <summary>The REST base to give Hangar as <c>api_url</c> (also the base of the control API); ends with '/'.</summary>
    public Uri ApiUrl { get; }

    public EmulatorState State { get; }

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Token);
        if (!Uri.TryCreate(options.Listen, UriKind.Absolute, out var listen) || !IsLoopback(listen))
        {
            // The control API has no auth, so the emulator must never be reachable from elsewhere.
            throw new ArgumentException("Listen must be an http URL on a loopback address", nameof(options));
        }

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("Hangar.Emulator");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(options.Listen);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        var state = new EmulatorState(options);
        var stopping = new CancellationTokenSource();
        var app = builder.Build();
        app.MapGitHubApi(state, options.Token, logger);
        app.MapControlApi(state, logger);
        new RunnerProtocolEndpoints(state, logger, stopping.Token).Map(app);
        new ScaleSetEndpoints(state, logger).Map(app);
        new BrokerEndpoints(state, options.ScaleSetPollWait, logger, stopping.Token).Map(app);
        app.MapFallback(() => GitHubResults.NotFound());

        var webhooks = new WebhookDispatcher(state, options, logger);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            await webhooks.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var apiUrl = new Uri(new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), "/");
        state.BaseUrl = apiUrl;
        webhooks.Start();
        EmulatorLog.Listening(logger, apiUrl);
        return new EmulatorHost(app, webhooks, stopping, state, apiUrl);
    }

    /// <summary>Queues jobs and sends their <c>queued</c> webhooks (same as <c>POST /_emulator/jobs</c>).</summary>
    public IReadOnlyList<EmulatedJob> QueueJobs(JobRequest request) => State.QueueJobs(request);

    /// <summary>Where to send webhooks from now on (same as <c>PUT /_emulator/webhook</c>).</summary>
    public void SetWebhook(Uri? url, string? secret) => State.SetWebhook(url, secret);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Long polls would otherwise hold shutdown for their whole wait.
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(ShutdownTimeout))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await _webhooks.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static bool IsLoopback(Uri url) =>
        url.Scheme == Uri.UriSchemeHttp
        && (url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
