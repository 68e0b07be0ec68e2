using Hangar.Forges.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hangar.Forges.GitHub.Webhooks;

public static class GitHubWebhookServiceCollectionExtensions
{
    /// <summary>The webhook reader for forges of type <c>github</c> (one for all of them).</summary>
    public static IServiceCollection AddGitHubWebhooks(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookReader, GitHubWebhookReader>());
        return services;
    }
}
