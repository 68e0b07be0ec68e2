using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Loading;

internal static class SectionMapping
{
    /// <summary>
    /// A reader over a named entry's settings. An empty entry (<c>github:</c>) reads as no settings, so its
    /// required keys are reported as missing rather than the entry as malformed.
    /// </summary>
    public static MappingReader? Open(ConfigContext context, YamlNode value, string path, Mark owner, IReadOnlyCollection<string> keys)
    {
        if (YamlValues.IsNull(value))
        {
            return new MappingReader(context, new YamlMappingNode(), path, owner, keys);
        }

        if (value is YamlMappingNode mapping)
        {
            return new MappingReader(context, mapping, path, owner, keys);
        }

        context.Error(value.Start, $"{path}: expected a mapping of settings, got {YamlValues.Describe(value)}");
        return null;
    }
}
