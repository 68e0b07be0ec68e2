using System.Text;
using Hangar.Configuration;
using Hangar.Forges.GitHub;
using Hangar.Forges.Gitea;
using Hangar.Server.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Composition;

/// <summary>Registers each configured forge with its credential resolved (CLI override → environment →
/// <c>$CREDENTIALS_DIRECTORY</c> → file).</summary>
internal static class ForgeComposition
{
    /// <returns>Each forge as its webhooks see it (its signing secret resolved), for the webhook endpoint.</returns>
    /// <exception cref="SecretNotFoundException">A forge's credential or webhook secret is nowhere to be found.</exception>
    public static IReadOnlyList<WebhookForge> AddHangarForges(this IServiceCollection services, IEnumerable<ForgeConfig> forges, IReadOnlyDictionary<string, string> secrets)
    {
        var webhookForges = new List<WebhookForge>();
        foreach (var forge in forges)
        {
            if (forge.GiteaFamily is not null)
            {
                webhookForges.Add(AddGiteaFamily(services, forge, secrets));
                continue;
            }

            var options = forge.ResolveGitHub(secrets);
            if (options.Token is null && options.App is null)
            {
                throw new InvalidOperationException($"forge {forge.Name}: a credential is required (forges.{forge.Name}.token or forges.{forge.Name}.app)");
            }

            services.AddHangarGitHubForge(options);
            webhookForges.Add(WebhookForgeOf(forge, secrets));
        }

        return webhookForges;
    }

    /// <summary>A forge as its webhooks see it, with only its webhook secret resolved (all a gateway needs).</summary>
    /// <exception cref="SecretNotFoundException">The webhook secret is nowhere to be found.</exception>
    public static WebhookForge WebhookForgeOf(ForgeConfig forge, IReadOnlyDictionary<string, string> secrets)
    {
        var secret = forge.WebhookSecret is null ? null : Encoding.UTF8.GetBytes(SecretResolver.Resolve(forge.WebhookSecret, secrets));
        return forge.GiteaFamily is { } gitea
            ? new WebhookForge(forge.Name, forge.Type, secret, new Uri(gitea.ApiUrl))
            : new WebhookForge(forge.Name, forge.Type, secret, new Uri(forge.GitHub.ApiUrl), forge.GitHub.App?.InstallationId);
    }

    private static WebhookForge AddGiteaFamily(IServiceCollection services, ForgeConfig forge, IReadOnlyDictionary<string, string> secrets)
    {
        var options = forge.ResolveGiteaFamily(secrets);
        if (options.Token is null)
        {
            throw new InvalidOperationException($"forge {forge.Name}: a token is required (forges.{forge.Name}.token)");
        }

        _ = forge.Type == "forgejo" ? services.AddHangarForgejoForge(options) : services.AddHangarGiteaForge(options);
        return WebhookForgeOf(forge, secrets);
    }
}
