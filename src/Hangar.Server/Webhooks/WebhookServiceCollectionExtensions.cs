using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hangar.Server.Webhooks;

internal static class WebhookServiceCollectionExtensions
{
    /// <summary>The webhook endpoint's settings and handler. Readers (<c>IWebhookReader</c>, one per forge type) are
    /// registered by their forge (e.g. <c>AddGitHubWebhooks</c>); a forge whose type has none takes no webhooks.</summary>
    public static IServiceCollection AddHangarWebhooks(this IServiceCollection services, IEnumerable<WebhookForge> forges, long maxBodyBytes)
    {
        services.TryAddSingleton(new WebhookSettings(forges, maxBodyBytes));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookHandler>();
        return services;
    }
}
