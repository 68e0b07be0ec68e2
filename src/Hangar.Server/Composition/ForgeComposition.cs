using System.Text;
using Hangar.Engine.Configuration;
using Hangar.Forges.GitHub;
using Hangar.Server.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Composition;

/// <summary>Turns each configured forge into a registered <see cref="GitHubForge"/> and its webhook settings, resolving
/// every credential (CLI override → environment → <c>$CREDENTIALS_DIRECTORY</c> → file).</summary>
internal static class ForgeComposition
{
    public static IReadOnlyList<WebhookForge> AddForges(this IServiceCollection services, HangarConfig config, IReadOnlyDictionary<string, string> secrets)
    {
        var webhookForges = new List<WebhookForge>();
        foreach (var forge in config.Forges.Values)
        {
            var options = new GitHubForgeOptions
            {
                Name = forge.Name,
                ApiUrl = forge.ApiUrl,
                Token = forge.Token is { } token ? SecretResolver.Resolve(token, secrets) : null,
                App = forge.App is { } app ? new GitHubAppOptions
                {
                    ClientId = app.ClientId,
                    AppId = app.AppId,
                    InstallationId = app.InstallationId,
                    PrivateKeyPem = SecretResolver.Resolve(app.PrivateKey, secrets),
                } : null,
                CaBundle = forge.CaBundle,
                RateLimitReserve = forge.RateLimitReserve,
                ResponseCacheEntries = forge.ResponseCacheEntries,
            };
            if (options.Token is null && options.App is null)
            {
                throw new InvalidOperationException($"forge {forge.Name}: a credential is required (forges.{forge.Name}.token or forges.{forge.Name}.app)");
            }

            services.AddGitHubForge(options);
            var secret = forge.WebhookSecret is null ? null : Encoding.UTF8.GetBytes(SecretResolver.Resolve(forge.WebhookSecret, secrets));
            webhookForges.Add(new WebhookForge(forge.Name, secret, new Uri(forge.ApiUrl), forge.App?.InstallationId, forge.App?.AppId));
        }

        return webhookForges;
    }
}
