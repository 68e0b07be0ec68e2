using Hangar.Core.Forges;
using Hangar.Core.ScaleSets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub;

public static class GitHubForgeServiceCollectionExtensions
{
    /// <summary>HttpClient's own per-attempt timeout; a timed-out attempt is retried like a network error.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Per-attempt timeout of Actions-service and message-queue calls (a long poll is held about 50 s).</summary>
    public static readonly TimeSpan ActionsRequestTimeout = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Registers one GitHub forge as an <see cref="IForge"/>, with the container's <see cref="TimeProvider"/>. Call once
    /// per configured forge; names must differ. Added rather than <c>TryAddEnumerable</c>'d: every forge here is a
    /// <see cref="GitHubForge"/>, which <c>TryAddEnumerable</c> would keep only once.
    /// </summary>
    public static IServiceCollection AddHangarGitHubForge(this IServiceCollection services, GitHubForgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var clientName = HttpClientName(options.Name);
        // Read now, so a bad bundle fails at start with its path rather than at the first call.
        var caBundle = options.CaBundle is { } path ? GitHubCaBundle.Load(path) : null;
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(clientName, client => client.Timeout = RequestTimeout)
            // The forge is a singleton that keeps its HttpClient, so DNS changes are picked up by recycling
            // pooled connections rather than by the factory's handler rotation.
            .ConfigurePrimaryHttpMessageHandler(() => CreateHandler(caBundle))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        // The message queue holds a poll about 50 s: its client waits longer than a REST call may.
        services.AddHttpClient(clientName + ".actions", client => client.Timeout = ActionsRequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => CreateHandler(caBundle))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddKeyedSingleton(options.Name, (sp, _) =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new GitHubForge(
                options,
                factory.CreateClient(clientName),
                sp.GetRequiredService<ILogger<GitHubForge>>(),
                sp.GetRequiredService<TimeProvider>(),
                factory.CreateClient(clientName + ".actions"));
        });
        services.AddSingleton<IForge>(sp => sp.GetRequiredKeyedService<GitHubForge>(options.Name));
        if (options.Mode == GitHubForgeMode.ScaleSet)
        {
            services.AddSingleton<IScaleSetService>(sp => sp.GetRequiredKeyedService<GitHubForge>(options.Name).ScaleSets);
        }

        return services;
    }

    internal static SocketsHttpHandler CreateHandler(System.Security.Cryptography.X509Certificates.X509Certificate2Collection? caBundle)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (caBundle is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = GitHubCaBundle.Validator(caBundle);
        }

        return handler;
    }

    /// <summary>The named HttpClient a forge uses, so a host can add handlers (e.g. telemetry) to it.</summary>
    public static string HttpClientName(string forgeName) => $"Hangar.Forges.GitHub.{forgeName}";
}
