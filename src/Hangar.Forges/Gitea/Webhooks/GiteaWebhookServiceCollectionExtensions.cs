using Hangar.Forges.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hangar.Forges.Gitea.Webhooks;

public static class GiteaWebhookServiceCollectionExtensions
{
    /// <summary>The webhook reader for forges of type <c>gitea</c> (one for all of them). Forgejo sends no job-level
    /// webhooks as of 15, so a Forgejo forge has no reader: its deliveries are refused as of an unknown type.</summary>
    public static IServiceCollection AddGiteaWebhooks(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookReader, GiteaWebhookReader>());
        return services;
    }
}
