using Hangar.Forges.GitHub;
using Hangar.Forges.Gitea;

namespace Hangar.Configuration.Loading;

internal static class ForgesSection
{
    private static readonly string[] Keys =
        ["type", "api_url", "host", "token", "app", "ca_bundle", "webhook_secret", "rate_limit_reserve", "response_cache_entries", "allow_insecure_http",
            "base_url", "mode", "poll_interval"];

    /// <summary>Keys only a GitHub forge has, and keys only a Gitea or Forgejo forge has (<c>mode</c> both have, with
    /// their own values).</summary>
    private static readonly string[] GitHubOnlyKeys = ["api_url", "host", "app", "rate_limit_reserve", "response_cache_entries"];
    private static readonly string[] GiteaFamilyOnlyKeys = ["base_url", "poll_interval"];

    private static readonly string[] AppKeys = ["client_id", "app_id", "installation_id", "private_key"];

    /// <summary>Every declared forge by name, so pools can be checked against names even when a forge has errors.</summary>
    public static Dictionary<string, ForgeConfig> Read(MappingReader root)
    {
        var forges = new Dictionary<string, ForgeConfig>(StringComparer.Ordinal);
        foreach (var (key, name, value) in root.NamedEntries("forges"))
        {
            var path = $"forges.{name}";
            YamlValues.Matching(root.Context, key, "forges", ConfigPatterns.ComponentName(), "a forge name is 1 to 40 of a-z, 0-9, '_' and '-', starting with a letter or digit");
            if (SectionMapping.Open(root.Context, value, path, key.Start, Keys) is not { } forge)
            {
                forges[name] = new ForgeConfig { GitHub = new GitHubForgeOptions { Name = name } };
                continue;
            }

            var type = forge.OneOf("type", false, "github", GiteaType, ForgejoType) ?? "github";
            if (type != "github")
            {
                forges[name] = ReadGiteaFamily(forge, name, type);
                continue;
            }

            RefuseKeys(forge, GiteaFamilyOnlyKeys, "github");
            var defaults = new GitHubForgeOptions { Name = name };
            if (forge.Node("token") is not null && forge.Node("app") is not null)
            {
                forge.Context.Error(forge.KeyMark("app"), $"{path}: 'token' and 'app' are mutually exclusive; use one credential per forge");
            }
            else if (forge.Node("token") is null && forge.Node("app") is null)
            {
                forge.Missing("token", "or 'app' for a GitHub App");
            }

            if (forge.Node("api_url") is not null && forge.Node("host") is not null)
            {
                forge.Context.Error(forge.KeyMark("host"), $"{path}: 'api_url' and 'host' are mutually exclusive");
            }

            var caBundle = forge.FilePath("ca_bundle");
            if (caBundle is not null && !File.Exists(caBundle))
            {
                forge.Context.Error(forge.Node("ca_bundle")!.Start, $"{path}.ca_bundle: file {caBundle} does not exist");
            }

            var host = forge.Matching("host", ConfigPatterns.HostName(), "a host name such as github.com, acme.ghe.com or github.example.com");
            var apiUrl = RefuseInsecure(forge, forge.Url("api_url", "http", "https")) ?? (host is null ? null : ApiUrlForHost(host)) ?? defaults.ApiUrl;
            var token = forge.Secret("token", $"{name}-token");
            var (app, privateKey) = ReadApp(forge, name);
            forges[name] = new ForgeConfig
            {
                Type = type,
                GitHub = defaults with
                {
                    ApiUrl = apiUrl,
                    App = app,
                    CaBundle = caBundle,
                    RateLimitReserve = (int?)forge.Integer("rate_limit_reserve", min: 0, max: int.MaxValue),
                    ResponseCacheEntries = (int?)forge.Integer("response_cache_entries", min: 0, max: 1_000_000) ?? defaults.ResponseCacheEntries,
                    Mode = forge.OneOf("mode", false, "webhook", "scaleset") == "scaleset" ? GitHubForgeMode.ScaleSet : GitHubForgeMode.Webhook,
                },
                Token = token,
                AppPrivateKey = privateKey,
                WebhookSecret = forge.Secret("webhook_secret", $"{name}-webhook-secret"),
            };
        }

        return forges;
    }

    private const string ForgejoType = "forgejo";
    private const string GiteaType = "gitea";

    /// <summary>
    /// <c>type: gitea</c> or <c>type: forgejo</c>: <c>base_url</c> (the web root; the API is under <c>/api/v1</c>), a token,
    /// the webhook secret (Gitea), an optional CA bundle, and <c>mode</c>: <c>webhook</c> (Gitea's default) or <c>poll</c>
    /// (Forgejo's default and only choice: it sends no job webhooks).
    /// </summary>
    private static ForgeConfig ReadGiteaFamily(MappingReader forge, string name, string type)
    {
        RefuseKeys(forge, GitHubOnlyKeys, type);
        var baseUrl = RefuseInsecure(forge, "base_url", forge.Url("base_url", "http", "https"));
        if (!forge.IsPresent("base_url"))
        {
            forge.Missing("base_url", "the forge's web address, e.g. https://git.example.com");
        }

        var caBundle = forge.FilePath("ca_bundle");
        if (caBundle is not null && !File.Exists(caBundle))
        {
            forge.Context.Error(forge.Node("ca_bundle")!.Start, $"{forge.At("ca_bundle")}: file {caBundle} does not exist");
        }

        var defaultMode = type == ForgejoType ? GiteaFamilyOptions.PollMode : GiteaFamilyOptions.WebhookMode;
        var mode = forge.OneOf("mode", false, GiteaFamilyOptions.WebhookMode, GiteaFamilyOptions.PollMode) ?? defaultMode;
        if (type == ForgejoType && mode == GiteaFamilyOptions.WebhookMode)
        {
            forge.Context.Error(forge.Node("mode")!.Start, $"{forge.At("mode")}: Forgejo sends no job webhooks (as of 15); use mode: poll");
        }

        if (type == GiteaType && mode == GiteaFamilyOptions.PollMode)
        {
            forge.Context.Error(forge.Node("mode")!.Start, $"{forge.At("mode")}: Gitea's demand comes by workflow_job webhooks (the jobs API is the sweep); use mode: webhook");
        }

        if (forge.Node("token") is null)
        {
            forge.Missing("token", "a personal access token with the scopes docs/gitea-forgejo.md lists");
        }

        var defaults = new GiteaFamilyOptions { Name = name, BaseUrl = "http://localhost" };
        return new ForgeConfig
        {
            Type = type,
            GitHub = new GitHubForgeOptions { Name = name },
            GiteaFamily = defaults with
            {
                BaseUrl = baseUrl ?? defaults.BaseUrl,
                CaBundle = caBundle,
                Mode = mode,
                PollInterval = forge.Duration("poll_interval") ?? defaults.PollInterval,
            },
            Token = forge.Secret("token", $"{name}-token"),
            WebhookSecret = forge.Secret("webhook_secret", $"{name}-webhook-secret"),
        };
    }

    private static void RefuseKeys(MappingReader forge, string[] keys, string type)
    {
        foreach (var key in keys.Where(forge.IsPresent))
        {
            forge.NotAllowed(key, $"a forge of type {type} has no '{key}'");
        }
    }

    /// <summary>
    /// Plain http carries the forge's token and every runner's one-job credential in the clear: refused unless the
    /// forge is on this machine (the emulator, a tunnel) or the file says <c>allow_insecure_http: true</c>.
    /// </summary>
    private static string? RefuseInsecure(MappingReader forge, string? apiUrl) => RefuseInsecure(forge, "api_url", apiUrl);

    private static string? RefuseInsecure(MappingReader forge, string key, string? apiUrl)
    {
        var allowed = forge.Boolean("allow_insecure_http") == true;
        if (apiUrl is null || allowed || !apiUrl.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || new Uri(apiUrl).IsLoopback)
        {
            return apiUrl;
        }

        forge.Context.Error(
            forge.Node(key)!.Start,
            $"{forge.At(key)}: plain http would send the token and runner credentials unencrypted; use https, or set allow_insecure_http: true");
        return null;
    }

    /// <summary>The REST base for a web host (reference section 1): github.com, GHE.com data residency, or GHES.</summary>
    internal static string ApiUrlForHost(string host)
    {
        host = host.ToLowerInvariant();
        return host is "github.com" or "www.github.com" ? "https://api.github.com"
            : host.EndsWith(".ghe.com", StringComparison.Ordinal) ? $"https://api.{host}"
            : $"https://{host}/api/v3";
    }

    /// <summary>The App's options (its private key left to resolve at start) and where that key is.</summary>
    private static (GitHubAppOptions? App, SecretRef? PrivateKey) ReadApp(MappingReader forge, string name)
    {
        if (forge.Mapping("app", AppKeys) is not { } app)
        {
            return (null, null);
        }

        var clientId = app.Matching("client_id", ConfigPatterns.SecretName(), "letters, digits, '.', '_' and '-'");
        var appId = app.Integer("app_id", 1);
        if (app.Node("client_id") is not null && app.Node("app_id") is not null)
        {
            app.Context.Error(app.KeyMark("app_id"), $"{app.Path}: 'client_id' and 'app_id' are mutually exclusive (either identifies the App)");
        }
        else if (app.Node("client_id") is null && app.Node("app_id") is null)
        {
            app.Missing("client_id", "or 'app_id'");
        }

        var installationId = app.Integer("installation_id", 1);
        var privateKey = app.Secret("private_key", $"{name}-app-private-key", required: true);
        return privateKey is null
            ? (null, null)
            : (new GitHubAppOptions { ClientId = clientId, AppId = appId, InstallationId = installationId }, privateKey);
    }
}
