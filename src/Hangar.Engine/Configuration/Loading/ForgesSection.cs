using YamlDotNet.RepresentationModel;

namespace Hangar.Engine.Configuration.Loading;

internal static class ForgesSection
{
    private static readonly string[] Keys = ["type", "api_url", "token", "webhook_secret"];

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
                forges[name] = new ForgeConfig { Name = name };
                continue;
            }

            var defaults = new ForgeConfig { Name = name };
            forges[name] = new ForgeConfig
            {
                Name = name,
                Type = forge.OneOf("type", false, "github") ?? defaults.Type,
                ApiUrl = forge.Url("api_url", "http", "https") ?? defaults.ApiUrl,
                Token = forge.Secret("token", $"{name}-token", required: true),
                WebhookSecret = forge.Secret("webhook_secret", $"{name}-webhook-secret"),
            };
        }

        return forges;
    }
}
