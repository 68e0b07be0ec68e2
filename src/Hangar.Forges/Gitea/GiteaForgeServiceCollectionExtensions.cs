using Hangar.Core.Forges;
using Hangar.Forges.Forgejo;
using Hangar.Forges.GitHub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.Gitea;

public static class GiteaForgeServiceCollectionExtensions
{
    /// <summary>Registers one Gitea forge as an <see cref="IForge"/> and <see cref="IForgeFeatureProbe"/>.</summary>
    public static IServiceCollection AddHangarGiteaForge(this IServiceCollection services, GiteaFamilyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate("Gitea");
        AddClient(services, options);
        services.AddSingleton(sp => new GiteaForge(
            options,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName(options.Name)),
            sp.GetRequiredService<ILogger<GiteaForge>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IForge>(sp => Of<GiteaForge>(sp, options.Name));
        services.AddSingleton<IForgeFeatureProbe>(sp => Of<GiteaForge>(sp, options.Name));
        return services;
    }

    /// <summary>Registers one Forgejo forge as an <see cref="IForge"/> and <see cref="IForgeFeatureProbe"/>, and in poll
    /// mode as an <see cref="IForgeJobQueue"/> for the job poller.</summary>
    public static IServiceCollection AddHangarForgejoForge(this IServiceCollection services, GiteaFamilyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate("Forgejo");
        AddClient(services, options);
        services.AddSingleton(sp => new ForgejoForge(
            options,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName(options.Name)),
            sp.GetRequiredService<ILogger<ForgejoForge>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IForge>(sp => Of<ForgejoForge>(sp, options.Name));
        services.AddSingleton<IForgeFeatureProbe>(sp => Of<ForgejoForge>(sp, options.Name));
        if (options.Mode == GiteaFamilyOptions.PollMode)
        {
            services.AddSingleton<IForgeJobQueue>(sp => Of<ForgejoForge>(sp, options.Name));
        }

        return services;
    }

    /// <summary>The named HttpClient a forge uses, so a host can add handlers to it.</summary>
    public static string HttpClientName(string forgeName) => $"Hangar.Forges.Gitea.{forgeName}";

    private static void AddClient(IServiceCollection services, GiteaFamilyOptions options)
    {
        var caBundle = options.CaBundle is { } path ? GitHubCaBundle.Load(path) : null;
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName(options.Name), client => client.Timeout = GitHubForgeServiceCollectionExtensions.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => GitHubForgeServiceCollectionExtensions.CreateHandler(caBundle))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    // Several forges of one type share the CLR type, so each is found by its name among the registered singletons.
    private static T Of<T>(IServiceProvider services, string name)
        where T : class, IForge =>
        services.GetServices<T>().Single(f => f.Name == name);
}
