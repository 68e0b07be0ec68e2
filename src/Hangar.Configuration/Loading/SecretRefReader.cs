using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Loading;

/// <summary>Reads <c>{name: ..., file: ..., env: ...}</c>. Never echoes anything written where a secret was expected.</summary>
internal static class SecretRefReader
{
    public const string InlineSecret = "secrets are never inline; use {file: ...} or {env: ...}";

    private static readonly string[] Keys = ["name", "file", "env"];

    /// <param name="otherKeys">Keys the mapping may hold beside the reference's own (e.g. an API token's <c>scope</c>),
    /// read by <paramref name="readOthers"/>.</param>
    public static SecretRef? Read(
        ConfigContext context, YamlNode node, string path, Mark owner, string defaultName,
        IReadOnlyCollection<string>? otherKeys = null, Action<MappingReader>? readOthers = null)
    {
        if (node is YamlScalarNode)
        {
            context.Error(node.Start, $"{path}: {InlineSecret}");
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            context.Error(node.Start, $"{path}: expected a secret reference ({{file: ...}} or {{env: ...}}), got {YamlValues.Describe(node)}");
            return null;
        }

        var reader = new MappingReader(context, mapping, path, owner, otherKeys is null ? Keys : [.. Keys, .. otherKeys], echoUnknownKeys: false);
        readOthers?.Invoke(reader);
        if (reader.Node("env") is null && reader.Node("file") is null)
        {
            if (reader.HasUnknownKeys)
            {
                // The misspelt key was most likely meant to be 'file' or 'env'; saying so twice is noise.
                return null;
            }

            context.Error(owner, $"{path}: a secret reference needs 'file' or 'env' (or both)");
            return null;
        }

        var name = reader.Matching("name", ConfigPatterns.SecretName(), "letters, digits, '.', '_' and '-', not starting with '.'");
        var env = reader.Matching("env", ConfigPatterns.EnvironmentVariable(), "a variable name is letters, digits and '_', not starting with a digit");
        var file = reader.FilePath("file");
        return env is null && file is null ? null : new SecretRef(name ?? defaultName, env, file);
    }
}
